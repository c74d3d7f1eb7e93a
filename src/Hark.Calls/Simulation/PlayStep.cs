namespace Hark.Calls.Simulation;

/// <summary>Says <paramref name="Samples"/> (mono PCM16 at the engine's sample rate; the caller decodes the WAV).</summary>
public sealed record PlayStep(ReadOnlyMemory<short> Samples) : ScriptStep;
