namespace Hark.Calls.Lifecycle;

/// <summary>A command for the signalling transport.</summary>
/// <param name="Action">What to do.</param>
/// <param name="RejectReason">For <see cref="TransportAction.Reject"/>: the bot's reason.</param>
/// <param name="TimedOut">For <see cref="TransportAction.Reject"/>: the bot never answered (SIP 480 rather than the reason's code).</param>
public sealed record TransportDecision(
    TransportAction Action, CallRejectReason RejectReason = CallRejectReason.None, bool TimedOut = false) : CallDecision;
