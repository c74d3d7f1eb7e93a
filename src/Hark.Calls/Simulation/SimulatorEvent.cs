using Hark.Media.Dtmf;

namespace Hark.Calls.Simulation;

/// <summary>
/// Something the virtual caller did or heard. Samples count from the engine's start; what it says
/// and what it hears share that clock (frame n of each covers the same time).
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="StepIndex">The step it belongs to; -1 for <see cref="SimulatorEventKind.BeepHeard"/> and <see cref="SimulatorEventKind.ScriptFinished"/>.</param>
/// <param name="Sample">When it happened, in samples.</param>
/// <param name="Key">KeyPressed only: the key.</param>
/// <param name="Mode">KeyPressed only: how it was sent.</param>
/// <param name="Reason">ScriptFailed only: why.</param>
public readonly record struct SimulatorEvent(
    SimulatorEventKind Kind, int StepIndex, long Sample, DtmfKey Key = default, DtmfMode Mode = default, string? Reason = null);
