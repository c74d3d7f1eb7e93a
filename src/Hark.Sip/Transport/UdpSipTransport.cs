using System.Net;
using System.Net.Sockets;
using Hark.Sip.Messages;
using Microsoft.Extensions.Logging;

namespace Hark.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18): one socket, one pending receive into one reused buffer, each datagram parsed
/// as one message. Sends are synchronous datagram writes, so they leave in the order they were asked for.
/// </summary>
public sealed class UdpSipTransport : ISipTransport
{
    private const int MaxDatagram = 65_535;

    private readonly Socket _socket;
    private readonly SipReceivePath _receive;
    private readonly byte[] _buffer = new byte[MaxDatagram];
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private long _received;
    private ISipTransportSink? _sink;

    /// <summary>Binds at once, so <see cref="LocalEndPoint"/> holds the real port even when 0 was asked for.</summary>
    public UdpSipTransport(IPEndPoint localEndPoint, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(localEndPoint);
        _receive = new SipReceivePath("UDP", logger, time ?? TimeProvider.System);
        _socket = new Socket(localEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.Bind(localEndPoint);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <summary>Datagrams read so far (a test's way to know the loop still runs).</summary>
    public long DatagramsReceived => Interlocked.Read(ref _received);

    public SipTransportKind Kind => SipTransportKind.Udp;

    public bool IsReliable => false;

    public IPEndPoint LocalEndPoint { get; }

    public void Start(ISipTransportSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Interlocked.CompareExchange(ref _sink, sink, null) is not null)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        _receiving = ReceiveLoopAsync(_stop.Token);
    }

    public ValueTask SendRequestAsync(ReadOnlyMemory<byte> message, IPEndPoint target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        _socket.SendTo(message.Span, SocketFlags.None, target);
        return ValueTask.CompletedTask;
    }

    public ValueTask SendResponseAsync(SipMessage response, ReadOnlyMemory<byte> message, IPEndPoint requestSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        return SendByViaAsync(response.TopVia, message, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiving.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private ValueTask SendByViaAsync(SipVia via, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var (host, port) = SipResponseTarget.For(via);
        if (SipResponseTarget.TryGetLiteral(host, port, _socket.AddressFamily, out var target))
        {
            // The common case (received is always an address): no lookup, no await.
            return SendRequestAsync(message, target, cancellationToken);
        }

        return SendResolvedAsync(host, port, message, cancellationToken);
    }

    private async ValueTask SendResolvedAsync(string host, int port, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var target = await SipResponseTarget.ResolveAsync(host, port, _socket.AddressFamily, cancellationToken).ConfigureAwait(false);
        await SendRequestAsync(message, target, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var from = new SocketAddress(_socket.AddressFamily);
        var template = _socket.AddressFamily == AddressFamily.InterNetwork ? new IPEndPoint(IPAddress.Any, 0) : new IPEndPoint(IPAddress.IPv6Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(_buffer, SocketFlags.None, from, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // An ICMP port-unreachable from an earlier send, or an oversized datagram: neither stops the loop.
                continue;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever else the socket reports (no buffers, say) is not a reason to stop receiving.
                SipLog.SendFailed(_receive.Logger, ex.SocketErrorCode.ToString());
                continue;
            }

            Interlocked.Increment(ref _received);
            var source = (IPEndPoint)template.Create(from);
            _receive.Deliver(_buffer.AsSpan(0, length), SipFraming.Datagram, source, this, _sink!, reply => Reply(reply, source));
        }
    }

    private void Reply(SipErrorReply reply, IPEndPoint source)
    {
        var sending = SendByViaAsync(reply.Via, reply.Bytes, CancellationToken.None);
        if (!sending.IsCompletedSuccessfully)
        {
            _ = sending.AsTask().ContinueWith(t => SipLog.SendFailed(_receive.Logger, $"error answer to {source}: {t.Exception?.GetBaseException().Message}"),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
