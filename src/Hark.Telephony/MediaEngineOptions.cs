using System.ComponentModel.DataAnnotations;

namespace Hark.Telephony;

/// <summary>The media engine's limits, bound from <c>Hark:Media</c>.</summary>
public sealed class MediaEngineOptions
{
    public const string SectionName = "Hark:Media";

    /// <summary>
    /// How far the media clock may run behind real time (<see cref="MediaPacer.Lag"/>) before new calls are refused
    /// with 503: a machine that cannot keep up takes no more work, and the calls it carries lose nothing.
    /// </summary>
    [Range(20, 60_000)]
    public int MaxLagMilliseconds { get; set; } = 300;
}
