using System.Buffers;
using System.Net.Sockets;
using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>The per-connection read loop: buffer, frame by Content-Length, dispatch, answer keep-alives.</summary>
public sealed partial class TcpSipTransport
{
    private const int InitialBuffer = 8_192;

    // Room for the largest message the parser accepts plus the start of the next one.
    private static readonly int MaxBuffer = SipParserLimits.Default.MaxMessageBytes * 2;

    private static ReadOnlyMemory<byte> Pong { get; } = "\r\n"u8.ToArray();

    private async Task ReadLoopAsync(TcpSipConnection connection, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        var filled = 0;
        var keepAliveOctets = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxBuffer)
                    {
                        break;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await connection.Socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                connection.Touch();
                filled += read;
                var consumed = Process(connection, buffer.AsSpan(0, filled), ref keepAliveOctets);
                if (consumed < 0)
                {
                    SipLog.Unframeable(_receive.Logger, connection.Remote);
                    break;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                connection.SetPending(filled > 0);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away, the idle sweep closed the socket, or the transport is stopping.
        }
        finally
        {
            Forget(connection);
            connection.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Dispatches every whole message in <paramref name="data"/>; returns the octets used, or -1 to close.</summary>
    private int Process(TcpSipConnection connection, ReadOnlySpan<byte> data, ref int keepAliveOctets)
    {
        var consumed = 0;
        while (consumed < data.Length)
        {
            switch (SipStreamFramer.TryFrame(data[consumed..], out var length))
            {
                case SipFrameStatus.Complete:
                    connection.MessageReceived();
                    Dispatch(connection, data.Slice(consumed, length));
                    consumed += length;
                    keepAliveOctets = 0;
                    break;
                case SipFrameStatus.KeepAlive:
                    // RFC 5626 §4.4.1: a double-CRLF ping gets a single-CRLF pong; lone CRLFs are just dropped.
                    keepAliveOctets += length;
                    if (keepAliveOctets >= 4)
                    {
                        keepAliveOctets = 0;
                        Observe(connection.SendAsync(Pong, CancellationToken.None), connection);
                    }

                    consumed += length;
                    break;
                case SipFrameStatus.Incomplete:
                    return consumed;
                default:
                    return -1;
            }
        }

        return consumed;
    }

    private void Dispatch(TcpSipConnection connection, ReadOnlySpan<byte> frame) =>
        _receive.Deliver(frame, SipFraming.Stream, connection.Remote, this, _sink!, reply => Observe(connection.SendAsync(reply.Bytes, CancellationToken.None), connection));

    private void Observe(ValueTask sending, TcpSipConnection connection)
    {
        if (!sending.IsCompletedSuccessfully)
        {
            _ = sending.AsTask().ContinueWith(
                t => SipLog.SendFailed(_receive.Logger, $"to {connection.Remote}: {t.Exception?.GetBaseException().Message}"),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
