namespace Hark.Sdp;

/// <summary>A t= line and the r= lines that follow it.</summary>
/// <param name="Start">Start time (NTP seconds; 0 for unbounded).</param>
/// <param name="Stop">Stop time (NTP seconds; 0 for unbounded).</param>
public sealed record SdpTiming(ulong Start, ulong Stop)
{
    /// <summary>The values of the r= lines that belong to this timing, in order.</summary>
    public IReadOnlyList<string> Repeats { get; init; } = [];

    /// <summary>The <c>t=0 0</c> every session Hark writes uses.</summary>
    public static SdpTiming Unbounded { get; } = new(0, 0);
}
