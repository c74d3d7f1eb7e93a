using System.Net;
using System.Net.Sockets;
using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18): one socket, one pending receive into one reused buffer, each datagram parsed
/// as one message. Sends are synchronous datagram writes, so they leave in the order they were asked for.
/// </summary>
public sealed class UdpSipTransport : ISipTransport
{
    private const int MaxDatagram = 65_535;

    private readonly Socket _socket;
    private readonly Action<string>? _log;
    private readonly byte[] _buffer = new byte[MaxDatagram];
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private ISipTransportSink? _sink;

    /// <summary>Binds at once, so <see cref="LocalEndPoint"/> holds the real port even when 0 was asked for.</summary>
    public UdpSipTransport(IPEndPoint localEndPoint, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(localEndPoint);
        _log = log;
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

            var source = (IPEndPoint)template.Create(from);
            Dispatch(_buffer.AsSpan(0, length), source);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        try
        {
            var message = SipInbound.Read(datagram, SipFraming.Datagram, source, out var reply);
            if (message is not null)
            {
                _sink!.OnMessage(this, message, source);
            }
            else if (reply is not null)
            {
                var sending = SendByViaAsync(reply.Via, reply.Bytes, CancellationToken.None);
                if (!sending.IsCompletedSuccessfully)
                {
                    _ = sending.AsTask().ContinueWith(t => _log?.Invoke($"SIP UDP: error answer not sent: {t.Exception?.GetBaseException().Message}"),
                        CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
        }
#pragma warning disable CA1031 // One bad message or a throwing sink must not stop the only receive loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _log?.Invoke($"SIP UDP: message from {source} failed: {ex.Message}");
        }
    }
}
