using System.ComponentModel.DataAnnotations;

namespace Hark.Host.Simulator;

/// <summary>Limits of the virtual caller, from <c>Hark:Simulator</c>.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Hark:Simulator";
    public const int DefaultMaxHeardSeconds = 600;

    /// <summary>Virtual calls one application may have live at once; more are refused with 429.</summary>
    [Range(1, 10_000)]
    public int MaxCallsPerApplication { get; set; } = 20;

    /// <summary>Seconds of what a virtual call heard that are kept for <c>/heard</c> (16 KB per second).</summary>
    [Range(1, 86_400)]
    public int MaxHeardSeconds { get; set; } = DefaultMaxHeardSeconds;
}
