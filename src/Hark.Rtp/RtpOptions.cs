using System.ComponentModel.DataAnnotations;

namespace Hark.Rtp;

/// <summary>RTP settings, bound from <c>Hark:Rtp</c>.</summary>
public sealed class RtpOptions : IValidatableObject
{
    /// <summary>Lowest UDP port of the RTP/RTCP range.</summary>
    [Range(1024, 65535)]
    public int PortMin { get; set; } = 20000;

    /// <summary>Highest UDP port of the RTP/RTCP range.</summary>
    [Range(1024, 65535)]
    public int PortMax { get; set; } = 29999;

    /// <summary>Fixed jitter buffer playout delay in milliseconds (reordering tolerance).</summary>
    [Range(0, 200)]
    public int JitterBufferDelayMilliseconds { get; set; } = 60;

    /// <summary>No RTP for this long ends the call with the media-timeout result (recordings are kept).</summary>
    [Range(1, 3600)]
    public int MediaTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How long a caller may send nothing before its audio is played out by the clock (silence, so silence timers
    /// run on hold or with silence suppression). Audio arriving later than this after the previous packet is dropped
    /// as late, so keep it well above the network's jitter.
    /// </summary>
    [Range(100, 10000)]
    public int QuietAfterMilliseconds { get; set; } = 500;

    /// <summary>
    /// SO_RCVBUF asked for each RTP socket: how much a stalled media engine can leave waiting in the kernel without
    /// losing it. Linux grants twice what is asked, capped at twice net.core.rmem_max, and charges about 830 bytes
    /// per 172-byte datagram: 1 MiB held 50 s of one 20 ms G.711 stream on the team's VM (rmem_max 4 MiB); with
    /// Debian's default rmem_max (208 KiB) about 10 s. 0 keeps the system default.
    /// </summary>
    [Range(0, 64 * 1024 * 1024)]
    public int ReceiveBufferBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Send a packet every packet time even while Hark plays nothing (silence or comfort noise). Off by default: an
    /// idle call sends one silent packet every <see cref="KeepAliveMilliseconds"/>, as a phone with silence
    /// suppression does, which halves the packets a recording costs. Turn on for a peer that needs continuous media.
    /// </summary>
    public bool SendSilence { get; set; }

    /// <summary>
    /// Without <see cref="SendSilence"/>: how often an idle call still sends one silent packet, so NAT bindings,
    /// latching SBCs and RTP inactivity timers see Hark's media.
    /// </summary>
    [Range(20, 15000)]
    public int KeepAliveMilliseconds { get; set; } = 1000;

    /// <summary>
    /// When Hark listens for keys in the caller's audio: <see cref="InBandDtmf.Auto"/> only on a call that did not
    /// negotiate telephone-event (its keys come as RFC 4733 events otherwise, as Asterisk's <c>dtmf_mode=auto</c>);
    /// <see cref="InBandDtmf.Always"/> on every call, until its first RFC 4733 event (for a peer that negotiates
    /// telephone-event yet sends its keys as tones).
    /// </summary>
    public InBandDtmf InBandDtmf { get; set; } = InBandDtmf.Auto;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (((PortMin + 1) & ~1) + 1 > PortMax)
        {
            yield return new ValidationResult(
                "Hark:Rtp:PortMax must leave room for at least one even RTP port and its RTCP port above PortMin.",
                [nameof(PortMin), nameof(PortMax)]);
        }
    }
}
