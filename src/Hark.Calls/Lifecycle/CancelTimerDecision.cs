namespace Hark.Calls.Lifecycle;

/// <summary>Stop a timer. A late expiry that still arrives is ignored by the lifecycle.</summary>
/// <param name="Timer">Which timer.</param>
public sealed record CancelTimerDecision(CallTimer Timer) : CallDecision;
