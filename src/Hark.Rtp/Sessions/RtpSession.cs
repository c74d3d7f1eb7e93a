using System.Net;
using System.Net.Sockets;
using Hark.Rtp.Events;
using Hark.Rtp.Jitter;
using Hark.Rtp.Rtcp;

namespace Hark.Rtp.Sessions;

/// <summary>
/// One call's RTP: a UDP socket, a receive loop into the jitter buffer and the RFC 4733 receiver, a 20 ms
/// <see cref="Tick"/> that hands the caller's audio to the sink, and <see cref="SendFrame"/> for Hark's audio.
/// </summary>
/// <remarks>
/// No thread per call: receiving is one pending async receive per socket, and ticks come from a shared clock.
/// Nothing is allocated per packet: one receive buffer and one send buffer per session. Symmetric RTP (RFC 4961
/// practice, what NATed phones need): once the caller's packets arrive, Hark sends to where they come from.
/// The receive loop and the tick meet under one lock, held for microseconds.
/// </remarks>
public sealed class RtpSession : IAsyncDisposable
{
    private const int FrameSamples = 160;

    // RFC 3550 §6.2 for one sender and one receiver at 64 kbit/s works out at about every 5 s.
    private const int ReportEveryTicks = 250;

    private readonly Socket _socket;
    private readonly Socket? _rtcpSocket;
    private readonly byte[] _rtcpBuffer = new byte[1500];
    private readonly long _startedAt;
    private RtpReceiveStatistics? _statistics;
    private int _ticksSinceReport;
    private readonly RtpSessionParameters _parameters;
    private readonly IRtpMediaSink _sink;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly JitterBuffer _jitter;
    private readonly PacketLossConcealer _concealer = new(FrameSamples);
    private readonly TelephoneEventReceiver _events = new();
    private readonly RtpSender _sender;
    private readonly byte[] _receiveBuffer = new byte[2048];
    private readonly byte[] _sendBuffer;
    private readonly short[] _frame = new short[FrameSamples];
    private readonly short[] _outbound;
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private readonly SocketAddress _from;
    private SocketAddress _remote;
    private int _outboundFill;
    private long _samplesDelivered;
    private uint _latestAudioTimestamp;
    private long _lastPacketAt;
    private bool _timedOut;
    private bool _closed;

    /// <param name="rtcpSocket">The socket on the RTP port + 1; null sends and reads no RTCP.</param>
    public RtpSession(Socket socket, RtpSessionParameters parameters, IRtpMediaSink sink, TimeProvider time, Socket? rtcpSocket = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.PacketTimeMs is not (20 or 30))
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters.PacketTimeMs, "Packets are 20 or 30 ms.");
        }

        _socket = socket;
        _parameters = parameters;
        _sink = sink;
        _time = time;
        _remote = parameters.Remote.Serialize();
        _from = new SocketAddress(socket.AddressFamily);
        // A deep buffer: when the host stalls (GC, a busy machine) ticks fall behind and packets pile up; up to a
        // second of them is kept and played out as the ticks catch up, instead of being dropped by a resync.
        _jitter = new JitterBuffer(new JitterBufferOptions
        {
            PlayoutDelayMilliseconds = parameters.JitterBufferDelayMilliseconds,
            MaxDepthMilliseconds = 1000,
        });
        var samplesPerPacket = parameters.PacketTimeMs * 8;
        _sender = new RtpSender(parameters.Codec, parameters.PayloadType, samplesPerPacket, parameters.TelephoneEventPayloadType);
        _sendBuffer = new byte[_sender.MaxPacketLength];
        _outbound = new short[samplesPerPacket];
        _lastPacketAt = time.GetTimestamp();
        _startedAt = _lastPacketAt;
        _rtcpSocket = rtcpSocket;
    }

    /// <summary>Where Hark sends now: the negotiated address until the caller's packets show another.</summary>
    public IPEndPoint Remote
    {
        get
        {
            lock (_gate)
            {
                return (IPEndPoint)_parameters.Remote.Create(_remote);
            }
        }
    }

    /// <summary>The local port the socket is bound to.</summary>
    public int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Packets accepted, duplicates, late ones, losses (from the jitter buffer).</summary>
    public JitterBufferStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return _jitter.Statistics;
            }
        }
    }

    /// <summary>Starts receiving.</summary>
    public void Start()
    {
        _receiving = ReceiveLoopAsync(_stop.Token);
        if (_rtcpSocket is not null)
        {
            _ = ReceiveReportsAsync(_stop.Token);
        }
    }

    /// <summary>
    /// One 20 ms step of the receive side: the next frame of caller audio (concealed if lost, silence before
    /// any arrived) goes to the sink; false once the media timed out or the session was disposed, and it should
    /// not be ticked again.
    /// </summary>
    public bool Tick()
    {
        JitterFrameKind kind;
        lock (_gate)
        {
            if (_timedOut || _closed)
            {
                return false;
            }

            if (_time.GetElapsedTime(_lastPacketAt) > _parameters.MediaTimeout)
            {
                _timedOut = true;
            }
            else
            {
                kind = _jitter.Read(_frame);
                _concealer.Process(kind, _frame);
                _samplesDelivered += FrameSamples;
                if (++_ticksSinceReport >= ReportEveryTicks)
                {
                    _ticksSinceReport = 0;
                    SendReportLocked();
                }
            }
        }

        if (_timedOut)
        {
            _sink.OnMediaTimeout();
            return false;
        }

        _sink.OnFrame(_frame);
        return true;
    }

    /// <summary>
    /// One 20 ms frame of Hark's audio; sent as 20 or 30 ms packets as negotiated. After <see cref="DisposeAsync"/>
    /// the frame is dropped: a call's loop may still send one it queued before the other side hung up.
    /// </summary>
    public void SendFrame(ReadOnlySpan<short> frame)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            var offset = 0;
            while (offset < frame.Length)
            {
                var take = Math.Min(frame.Length - offset, _outbound.Length - _outboundFill);
                frame.Slice(offset, take).CopyTo(_outbound.AsSpan(_outboundFill));
                _outboundFill += take;
                offset += take;
                if (_outboundFill == _outbound.Length)
                {
                    var length = _sender.WriteFrame(_outbound, _sendBuffer);
                    _outboundFill = 0;
                    SendLocked(length);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            // Tick and SendFrame check this under the same lock, so neither touches a socket closed below.
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        _rtcpSocket?.Dispose();
        try
        {
            await _receiving.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private void SendLocked(int length)
    {
        try
        {
            _socket.SendTo(_sendBuffer.AsSpan(0, length), SocketFlags.None, _remote);
        }
        catch (SocketException)
        {
            // A send to an unreachable peer (ICMP port unreachable reported back) loses this packet, not the call.
        }
    }

    // A sender report once Hark has sent audio, else a receiver report; with a report block on the caller's
    // stream once it has sent any; always with Hark's CNAME. Sent to the caller's RTP port + 1.
    private void SendReportLocked()
    {
        if (_rtcpSocket is null)
        {
            return;
        }

        Span<byte> packet = stackalloc byte[256];
        Span<RtcpReportBlock> blocks = stackalloc RtcpReportBlock[1];
        var blockCount = 0;
        if (_statistics is { IsValid: true } statistics)
        {
            blocks[0] = statistics.CreateReportBlock(_time.GetElapsedTime(_startedAt));
            blockCount = 1;
        }

        var length = _sender.PacketCount > 0
            ? RtcpWriter.WriteSenderReport(
                packet, _sender.Ssrc,
                new RtcpSenderInfo(NtpTimestamp.FromDateTimeOffset(_time.GetUtcNow()), _sender.Timestamp, _sender.PacketCount, _sender.OctetCount),
                blocks[..blockCount])
            : RtcpWriter.WriteReceiverReport(packet, _sender.Ssrc, blocks[..blockCount]);
        length += RtcpWriter.WriteSourceDescription(packet[length..], _sender.Ssrc, "hark");
        var remote = (IPEndPoint)_parameters.Remote.Create(_remote);
        try
        {
            _rtcpSocket.SendTo(packet[..length], SocketFlags.None, new IPEndPoint(remote.Address, remote.Port + 1));
        }
        catch (SocketException)
        {
            // A lost report is not worth ending anything for.
        }
    }

    private async Task ReceiveReportsAsync(CancellationToken cancellationToken)
    {
        var from = new SocketAddress(_rtcpSocket!.AddressFamily);
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await _rtcpSocket.ReceiveFromAsync(_rtcpBuffer, SocketFlags.None, from, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                continue;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            OnReport(_rtcpBuffer.AsSpan(0, received));
        }
    }

    // The caller's sender reports give the LSR/DLSR of Hark's report blocks (round-trip time for the caller).
    private void OnReport(ReadOnlySpan<byte> datagram)
    {
        var reader = new RtcpCompoundReader(datagram);
        while (reader.TryRead(out var packet))
        {
            if (packet.PacketType == (byte)RtcpPacketType.SenderReport && RtcpSenderReport.TryParse(packet, out var report))
            {
                lock (_gate)
                {
                    if (_statistics is { } statistics && statistics.Ssrc == report.Ssrc)
                    {
                        statistics.OnSenderReport(report.SenderInfo.NtpTimestamp, _time.GetElapsedTime(_startedAt));
                    }
                }
            }
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                // The SocketAddress overload fills one reused address: nothing is allocated per packet.
                received = await _socket.ReceiveFromAsync(_receiveBuffer, SocketFlags.None, _from, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                // ICMP errors for earlier sends surface here on some platforms; the socket is still usable.
                continue;
            }

            OnDatagram(_receiveBuffer.AsSpan(0, received));
        }
    }

    private void OnDatagram(ReadOnlySpan<byte> datagram)
    {
        if (RtpPacket.TryParse(datagram, out var packet) != RtpParseStatus.Ok)
        {
            return; // RTCP on a muxed port, STUN, or noise: not audio.
        }

        TelephoneEventBatch keys = default;
        long delivered;
        lock (_gate)
        {
            // One clock read per packet serves the media timeout and the arrival time for the statistics.
            _lastPacketAt = _time.GetTimestamp();
            if (!_from.Equals(_remote))
            {
                // Symmetric RTP: answer where the caller's packets come from (allocates only when that changes).
                _remote = new SocketAddress(_from.Family, _from.Size);
                _from.Buffer.CopyTo(_remote.Buffer);
            }

            if (packet.PayloadType == _parameters.TelephoneEventPayloadType)
            {
                keys = _events.Receive(packet.Timestamp, packet.SequenceNumber, packet.Marker, packet.Payload);
            }
            else if (packet.PayloadType == _parameters.PayloadType || packet.PayloadType is 0 or 8)
            {
                if (_statistics is null || _statistics.Ssrc != packet.Ssrc)
                {
                    _statistics = new RtpReceiveStatistics(packet.Ssrc, packet.SequenceNumber, minSequential: 1);
                }

                _statistics.Receive(packet.SequenceNumber, packet.Timestamp, _time.GetElapsedTime(_startedAt, _lastPacketAt));
                var codec = packet.PayloadType == 0 ? G711Codec.Pcmu : packet.PayloadType == 8 ? G711Codec.Pcma : _parameters.Codec;
                _jitter.Insert(packet, codec);
                _latestAudioTimestamp = packet.Timestamp + (uint)packet.Payload.Length;
            }

            delivered = _samplesDelivered;
        }

        foreach (var key in keys)
        {
            if (key.Kind == TelephoneEventResultKind.KeyDown)
            {
                // The event started (latest audio - start) samples before the newest audio, which plays out a
                // jitter-buffer delay after what has been delivered.
                var behind = (long)unchecked((int)(_latestAudioTimestamp - key.StartTimestamp));
                var onset = delivered + _jitter.PlayoutDelaySamples - Math.Clamp(behind, 0, delivered + _jitter.PlayoutDelaySamples);
                _sink.OnKey(key.Key, onset);
            }
        }
    }
}
