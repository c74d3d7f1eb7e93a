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
