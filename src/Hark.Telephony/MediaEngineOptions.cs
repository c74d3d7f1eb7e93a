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

    /// <summary>
    /// Dedicated media threads, each owning a shard of the calls and ticking it every 20 ms on its own clock; 0 (the
    /// default) means one per processor. More threads than cores only adds context switches.
    /// </summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>The thread count in force: <see cref="Threads"/>, or the processor count when it is 0.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
