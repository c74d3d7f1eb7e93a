namespace Hark.Calls.Lifecycle;

/// <summary>Start (or restart) a timer; when it fires, call <see cref="CallLifecycle.TimerExpired"/>.</summary>
/// <param name="Timer">Which timer.</param>
/// <param name="DueIn">How long from now.</param>
public sealed record StartTimerDecision(CallTimer Timer, TimeSpan DueIn) : CallDecision;
