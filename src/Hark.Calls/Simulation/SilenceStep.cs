namespace Hark.Calls.Simulation;

/// <summary>Sends digital silence for <paramref name="Duration"/> (rounded to the nearest sample).</summary>
public sealed record SilenceStep(TimeSpan Duration) : ScriptStep;
