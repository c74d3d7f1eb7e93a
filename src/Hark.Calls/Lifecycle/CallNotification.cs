namespace Hark.Calls.Lifecycle;

/// <summary>Tell the bot the call's state changed (a commsNotification on the call resource).</summary>
/// <param name="ChangeType">created, updated or deleted.</param>
/// <param name="State">The call's new state.</param>
/// <param name="Result">The terminated resultInfo; null otherwise, and null after a reject (Graph sends none then).</param>
/// <param name="AudioActive">True when the payload carries <c>mediaState.audio: active</c>.</param>
public sealed record CallNotification(
    CallChangeType ChangeType, CallState State, CallResultInfo? Result = null, bool AudioActive = false) : CallDecision;
