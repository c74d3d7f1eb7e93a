namespace Hark.Integration.Harness;

/// <summary>One event of a virtual caller (atSeconds counted from the answer).</summary>
public sealed record SimulatorEvent(string Kind, int? Step, double AtSeconds, string? Key, string? Mode, string? Reason);
