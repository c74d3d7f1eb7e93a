namespace Hark.Calls.Lifecycle;

/// <summary>A lifecycle input (bot command, transport event or timer expiry) with the caller's reply.</summary>
internal sealed record LifecycleCommandEvent(Func<CallLifecycle, CallTransition> Command, TaskCompletionSource<CallCommandError> Reply)
    : CallEvent;
