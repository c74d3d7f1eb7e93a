namespace Hark.Host.Simulator;

/// <summary>One entry of a virtual call's event log, as the simulator API shows it.</summary>
/// <param name="Kind">stepStarted, stepCompleted, keyPressed, beepHeard, hangUp, scriptFailed, scriptFinished, answered, redirected, transferred, ended.</param>
/// <param name="Step">The script step, when the event belongs to one.</param>
/// <param name="AtSeconds">Seconds since the call was answered (the caller's own clock).</param>
/// <param name="Key">keyPressed: the key.</param>
/// <param name="Mode">keyPressed: rfc4733 or inband.</param>
/// <param name="Reason">scriptFailed and ended: why; redirected: the targets (comma-separated); transferred: the target.</param>
internal sealed record VirtualCallEvent(string Kind, int? Step, double AtSeconds, string? Key = null, string? Mode = null, string? Reason = null);
