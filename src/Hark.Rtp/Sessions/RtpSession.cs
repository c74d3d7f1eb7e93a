using System.Net;
using System.Net.Sockets;
using Hark.Media.Dtmf;
using Hark.Rtp.Events;
using Hark.Rtp.Jitter;
using Hark.Rtp.Rtcp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hark.Rtp.Sessions;

/// <summary>
/// One call's RTP: a UDP socket drained on each <see cref="Tick"/> into the jitter buffer and the RFC 4733
/// receiver, the caller's audio handed to the sink in media time, and <see cref="SendFrame"/> for Hark's audio.
/// </summary>
/// <remarks>
/// <para>No thread and no pending receive per call: the shared clock's tick reads every datagram the socket holds
/// and, after each audio packet, delivers every frame whose media time is complete (all of it arrived, or audio a
/// reorder window newer did). However late the tick runs, packets wait in the socket's receive buffer
/// (<see cref="RtpSessionParameters.ReceiveBufferBytes"/>) and come out whole, in timestamp order: only packets
/// that never arrived are concealed (<see cref="ConcealedFrames"/>). When the caller sends nothing for
/// <see cref="RtpSessionParameters.QuietAfter"/>, playout goes on by the clock so silence timers still run.</para>
/// <para>Nothing is allocated per packet: one receive buffer and one send buffer per session. Symmetric RTP
/// (RFC 4961 practice, what NATed phones need): once the caller's packets arrive, Hark sends to where they come
/// from. The tick, <see cref="Flush"/> and <see cref="SendFrame"/> meet under one lock, held for microseconds.</para>
/// </remarks>
public sealed partial class RtpSession : IAsyncDisposable
{
    private const int FrameSamples = 160;

    // RFC 3550 §6.2 for one sender and one receiver at 64 kbit/s works out at about every 5 s.
    private const int ReportEveryTicks = 250;

    // A flood on one socket cannot hold the shared clock: the rest waits for the next tick (5 s of 20 ms audio).
    private const int MaxDatagramsPerTick = 256;

    // The RTCP socket is looked at twice a second, and a flood of reports is cut short the same way.
    private const int ReadReportsEveryTicks = 25;
    private const int MaxReportsPerRead = 16;

    // Packets are added to the Hark.Rtp counter once a second per session (and at its end), not on every tick.
    private const int CountEveryTicks = 50;

    private static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    private readonly Socket _socket;
    private readonly Socket? _rtcpSocket;
    private readonly long _startedAt;
    private RtpReceiveStatistics? _statistics;
    private int _ticksSinceReport;
    private int _ticksSinceRead;
    private readonly RtpSessionParameters _parameters;
    private readonly IRtpMediaSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly JitterBuffer _jitter;
    private readonly PacketLossConcealer _concealer = new(FrameSamples);
    private readonly TelephoneEventReceiver _events = new();
    private readonly RtpSender _sender;
    private readonly byte[] _sendBuffer;
    private readonly short[] _frame = new short[FrameSamples];
    private readonly short[] _outbound;
    private SocketAddress _remote;
    private int _outboundFill;
    private bool _outboundIdle = true;
    private readonly int _idlePacketsPerKeepAlive;
    private int _idleSkipped;
    private long _receivedUncounted;
    private long _sentUncounted;
    private int _ticksSinceCounted;
    private long _samplesDelivered;
    private long _concealedFrames;
    private long _quietFrames;
    private long _lastPacketAt;
    private bool _timedOut;
    private bool _closed;

    /// <param name="rtcpSocket">The socket on the RTP port + 1; null sends and reads no RTCP.</param>
    /// <param name="logger">Where the session reports what went wrong and, at the end, what it received.</param>
    public RtpSession(Socket socket, RtpSessionParameters parameters, IRtpMediaSink sink, TimeProvider time, Socket? rtcpSocket = null, ILogger? logger = null)
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
        _logger = logger ?? NullLogger.Instance;
        _remote = parameters.Remote.Serialize();
        _socket.Blocking = false;
        if (parameters.ReceiveBufferBytes > 0)
        {
            // Linux caps this at net.core.rmem_max (and doubles it for bookkeeping); what is granted is logged.
            _socket.ReceiveBufferSize = parameters.ReceiveBufferBytes;
        }

        // Media-time playout keeps the buffer at about a reorder window; the depth only bounds a timestamp jump. A gap
        // up to the quiet time (after which the clock plays out anyway) is concealed and counted; a longer jump resyncs.
        // The ring is sized from it: 10 KB per call at the defaults (G.711 bytes and two bit sets), against 20 KB for a fixed second.
        _jitter = new JitterBuffer(new JitterBufferOptions
        {
            PlayoutDelayMilliseconds = parameters.JitterBufferDelayMilliseconds,
            MaxDepthMilliseconds = MaxDepthMilliseconds(parameters),
        });
        var samplesPerPacket = parameters.PacketTimeMs * 8;
        _sender = new RtpSender(parameters.Codec, parameters.PayloadType, samplesPerPacket, parameters.TelephoneEventPayloadType);
        _sendBuffer = new byte[_sender.MaxPacketLength];
        _outbound = new short[samplesPerPacket];
        if (parameters.IdleKeepAlive is { } keepAlive)
        {
            // The first idle packet goes out (the caller's side learns where Hark sends from), then one per interval.
            _idlePacketsPerKeepAlive = Math.Max(1, (int)(keepAlive.TotalMilliseconds / parameters.PacketTimeMs));
            _idleSkipped = _idlePacketsPerKeepAlive - 1;
        }
        _lastPacketAt = time.GetTimestamp();
        _startedAt = _lastPacketAt;
        _rtcpSocket = rtcpSocket;
        if (rtcpSocket is not null)
        {
            rtcpSocket.Blocking = false;
        }
    }

    /// <summary>How far ahead of playout a packet may start before the jitter buffer resyncs: the quiet time and the reorder window, a frame more.</summary>
    internal static int MaxDepthMilliseconds(RtpSessionParameters parameters) =>
        (int)Math.Clamp(parameters.QuietAfter.TotalMilliseconds + parameters.JitterBufferDelayMilliseconds + 20, Math.Max(20, parameters.JitterBufferDelayMilliseconds), 1000);

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

    /// <summary>Frames read out as lost although newer audio arrived: packets that never reached the socket.</summary>
    public long ConcealedFrames => Volatile.Read(ref _concealedFrames);

    /// <summary>Logs the start; RTP and RTCP are read by <see cref="Tick"/>.</summary>
    public void Start() => RtpLog.Started(_logger, LocalPort, _socket.ReceiveBufferSize);

    /// <summary>
    /// One step of the shared clock: reads what the socket holds and hands every frame whose media time is
    /// complete to the sink (or, once the caller has been quiet for <see cref="RtpSessionParameters.QuietAfter"/>,
    /// what the clock says is due, concealed or silent). False once the media timed out (after the buffered audio
    /// went out) or the session was disposed, and it should not be ticked again.
    /// </summary>
    public bool Tick()
    {
        lock (_gate)
        {
            if (_timedOut || _closed)
            {
                return false;
            }

            var now = _time.GetTimestamp();
            if (Drain(now) == 0)
            {
                if (_time.GetElapsedTime(_lastPacketAt, now) > _parameters.MediaTimeout)
                {
                    FlushLocked();
                    _timedOut = true;
                }
                else
                {
                    PlayQuietLocked(now);
                }
            }

            if (!_timedOut && ++_ticksSinceRead >= ReadReportsEveryTicks)
            {
                _ticksSinceRead = 0;
                DrainReportsLocked();
            }

            if (!_timedOut && ++_ticksSinceReport >= ReportEveryTicks)
            {
                _ticksSinceReport = 0;
                SendReportLocked();
            }

            if (++_ticksSinceCounted >= CountEveryTicks)
            {
                CountPacketsLocked();
            }
        }

        if (_timedOut)
        {
            RtpLog.MediaTimeout(_logger, LocalPort, _parameters.MediaTimeout.TotalSeconds);
            _sink.OnMediaTimeout();
            return false;
        }

        return true;
    }

    /// <summary>
    /// Reads what the socket still holds and hands everything received to the sink, the last frames included
    /// even if a reorder window has not passed: the call is ending (BYE) and its recording must be whole.
    /// </summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_closed || _timedOut)
            {
                return;
            }

            Drain(_time.GetTimestamp());
            FlushLocked();
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            // Tick and SendFrame check this under the same lock, so neither touches a socket closed below.
            if (_closed)
            {
                return ValueTask.CompletedTask;
            }

            _closed = true;
        }

        var statistics = _jitter.Statistics;
        lock (_gate)
        {
            CountPacketsLocked();

            // RFC 3550 jitter is in timestamp units: 8 per millisecond at G.711's clock.
            RtpMetrics.Ended(Math.Max(0, _statistics?.CumulativeLost ?? 0), _statistics is { } received ? received.Jitter / 8.0 : null);
        }

        RtpLog.Ended(_logger, LocalPort, statistics.Accepted, statistics.Late, statistics.Duplicates, ConcealedFrames);
        _socket.Dispose();
        _rtcpSocket?.Dispose();
        return ValueTask.CompletedTask;
    }

    // The caller has sent nothing for a while (hold, silence suppression, a lost tail): the clock plays out
    // what is due, so silence timers and the media timeout still run. Before any packet, from the start.
    private void PlayQuietLocked(long now)
    {
        var quiet = _time.GetElapsedTime(_lastPacketAt, now) - (_jitter.IsStarted ? _parameters.QuietAfter : TimeSpan.Zero);
        var due = quiet <= TimeSpan.Zero ? 0 : (long)(quiet / FrameDuration);
        for (; _quietFrames < due; _quietFrames++)
        {
            Deliver(_jitter.Read(_frame), counted: false);
        }
    }

    private void FlushLocked()
    {
        while (_jitter.TryReadComplete(_frame, out var kind) || _jitter.TryReadRemaining(_frame, out kind))
        {
            Deliver(kind, counted: true);
        }
    }

    private void Deliver(JitterFrameKind kind, bool counted)
    {
        var concealed = counted && kind == JitterFrameKind.Lost;
        if (concealed)
        {
            _concealedFrames++;
        }

        _concealer.Process(kind, _frame);
        _samplesDelivered += FrameSamples;
        _sink.OnFrame(_frame, concealed);
    }
}
