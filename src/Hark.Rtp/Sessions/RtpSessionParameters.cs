using System.Net;

namespace Hark.Rtp.Sessions;

/// <summary>What offer/answer agreed for one call's audio, in RTP's terms.</summary>
/// <param name="Remote">Where to send until the caller's own packets show where it really is (symmetric RTP).</param>
/// <param name="Codec">PCMU or PCMA.</param>
/// <param name="PayloadType">The codec's payload type.</param>
/// <param name="TelephoneEventPayloadType">RFC 4733's payload type, or null when not negotiated.</param>
/// <param name="PacketTimeMs">Outgoing packet duration: 20 or 30 ms.</param>
public sealed record RtpSessionParameters(
    IPEndPoint Remote, G711Codec Codec, byte PayloadType, byte? TelephoneEventPayloadType, int PacketTimeMs)
{
    /// <summary>How long without any RTP before <see cref="IRtpMediaSink.OnMediaTimeout"/> (Hark:Rtp:MediaTimeoutSeconds).</summary>
    public TimeSpan MediaTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The jitter buffer's fixed playout delay.</summary>
    public int JitterBufferDelayMilliseconds { get; init; } = 60;

    /// <summary>
    /// How long the caller may send nothing before playout goes on by the clock (silence or concealment), so
    /// silence timers run while it holds or suppresses silence (Hark:Rtp:QuietAfterMilliseconds). Packets that come
    /// later than this after their predecessors are late and dropped, so it is well above any real jitter.
    /// </summary>
    public TimeSpan QuietAfter { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Silence suppression: while Hark plays nothing, one packet of it at least this often (keeping NAT bindings,
    /// latching SBCs and RTP timeout watchdogs fed) instead of one per packet time; null sends every packet
    /// (Hark:Rtp:SendSilence, Hark:Rtp:KeepAliveMilliseconds).
    /// </summary>
    public TimeSpan? IdleKeepAlive { get; init; }

    /// <summary>SO_RCVBUF asked for the socket: what a stalled engine can leave waiting without loss (0 keeps the system's).</summary>
    public int ReceiveBufferBytes { get; init; }
}
