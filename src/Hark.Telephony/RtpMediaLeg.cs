using System.Net;
using System.Net.Sockets;
using Hark.Calls.Lifecycle;
using Hark.Media.Dtmf;
using Hark.Rtp;
using Hark.Rtp.Sessions;
using Hark.Sdp;
using Microsoft.Extensions.Logging;

namespace Hark.Telephony;

/// <summary>
/// One call's media leg: the RTP port taken from the pool, its socket, what offer/answer agreed, and once
/// media starts the <see cref="RtpSession"/> ticked by one of the media engine's shards. Disposing returns the port.
/// </summary>
internal sealed class RtpMediaLeg : IAsyncDisposable, IPacedSession
{
    private readonly RtpPortPool _pool;
    private readonly Socket _socket;
    private readonly Socket _rtcpSocket;
    private readonly MediaPacer _pacer;
    private readonly RtpOptions _options;
    private readonly TimeProvider _time;
    private readonly TelephonyMetrics _metrics;
    private readonly ILogger _logger;
    private RtpSession? _session;
    private long _concealedReported;

    public RtpMediaLeg(
        RtpPortPool pool, int port, Socket socket, Socket rtcpSocket, NegotiatedAudio? audio, SessionDescription localDescription,
        MediaPacer pacer, RtpOptions options, TimeProvider time, TelephonyMetrics metrics, ILogger logger)
    {
        _pool = pool;
        Port = port;
        _socket = socket;
        _rtcpSocket = rtcpSocket;
        Audio = audio;
        LocalDescription = localDescription;
        _pacer = pacer;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    public int Port { get; }

    /// <summary>What was agreed with the other side; null until an outgoing call's offer is answered.</summary>
    public NegotiatedAudio? Audio { get; private set; }

    /// <summary>The SDP Hark sent (the answer, or the offer for an outgoing call), kept for re-INVITEs.</summary>
    public SessionDescription LocalDescription { get; private set; }

    /// <summary>Frames concealed so far (packets that never arrived).</summary>
    public long ConcealedFrames => _session?.ConcealedFrames ?? 0;

    /// <summary>Starts receiving and sending once the call's media is up: its frames run through <paramref name="actor"/> on a media thread.</summary>
    public void Start(CallActor actor)
    {
        if (_options.InBandDtmf == InBandDtmf.Auto && Audio?.TelephoneEventPayloadType is not null)
        {
            actor.UseOutOfBandKeys(); // no tone search in a call whose keys come as events: about 5 % of its media work
        }

        Start(new CallMediaSink(actor, this));
    }

    /// <summary>Starts receiving and sending once the call's media is up.</summary>
    public void Start(IRtpMediaSink sink)
    {
        var audio = Audio ?? throw new InvalidOperationException("Media starts once offer and answer agree.");
        var parameters = new RtpSessionParameters(
            new IPEndPoint(IPAddress.Parse(audio.RemoteAddress), audio.RemotePort),
            audio.Codec == AudioCodec.Pcmu ? G711Codec.Pcmu : G711Codec.Pcma,
            (byte)audio.PayloadType,
            audio.TelephoneEventPayloadType is { } te ? (byte)te : null,
            audio.PacketTimeMs)
        {
            MediaTimeout = TimeSpan.FromSeconds(_options.MediaTimeoutSeconds),
            JitterBufferDelayMilliseconds = _options.JitterBufferDelayMilliseconds,
            QuietAfter = TimeSpan.FromMilliseconds(_options.QuietAfterMilliseconds),
            ReceiveBufferBytes = _options.ReceiveBufferBytes,
            IdleKeepAlive = _options.SendSilence ? null : TimeSpan.FromMilliseconds(_options.KeepAliveMilliseconds),
        };
        _session = new RtpSession(_socket, parameters, sink, _time, _rtcpSocket, _logger);
        _session.Start();
        _pacer.Add(this);
    }

    /// <summary>A re-INVITE changed the media (hold, unhold, new address); the session keeps its socket.</summary>
    public void Update(NegotiatedAudio audio, SessionDescription localDescription)
    {
        Audio = audio;
        LocalDescription = localDescription;
    }

    /// <summary>
    /// Hark's audio for the caller; unsent while the caller holds the call (it asked not to receive), its RTP time
    /// running on. An <paramref name="idle"/> frame (silence or comfort noise) may stay unsent: see <see cref="RtpSession.SendFrame"/>.
    /// </summary>
    public void SendFrame(ReadOnlySpan<short> frame, bool idle = false)
    {
        // After a caller's BYE disposed the session, the frame is dropped there.
        if (Audio is { CanSend: true })
        {
            _session?.SendFrame(frame, idle);
        }
        else
        {
            _session?.HoldFrame(frame);
        }
    }

    /// <summary>True when offer and answer agreed on telephone-event, so a key can go out as RFC 4733 events.</summary>
    public bool CanSendDtmfEvents => Audio?.TelephoneEventPayloadType is not null;

    /// <summary>
    /// Sends <paramref name="key"/> as RFC 4733 events held for <paramref name="duration"/>, in place of the audio packets
    /// meanwhile; a key asked for while the previous one's end packets are still going out follows them.
    /// </summary>
    public void SendDtmfEvent(DtmfKey key, TimeSpan duration) =>
        _session?.StartEvent(key, (uint)Math.Max(1, Math.Round(duration.TotalSeconds * 8000)));

    /// <summary>
    /// Hands the call everything received so far, the tail within the reorder window included: the caller hung
    /// up, and what it said before must reach the call ahead of the hang-up.
    /// </summary>
    public void Flush()
    {
        _session?.Flush();
        ReportConcealed();
    }

    // False for a session disposed while the pacer's snapshot still held it: a leg that has ended.
    public bool Tick()
    {
        if (_session is not { } session)
        {
            return false;
        }

        var running = session.Tick();
        ReportConcealed();
        return running;
    }

    private void ReportConcealed()
    {
        if (_session is { } session)
        {
            var concealed = session.ConcealedFrames;
            var reported = Interlocked.Exchange(ref _concealedReported, concealed);
            _metrics.Concealed(concealed - reported);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pacer.Remove(this);
        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _socket.Dispose();
            _rtcpSocket.Dispose();
        }

        _pool.Release(Port);
    }
}
