namespace Hark.Calls.Lifecycle;

/// <summary>A command for the signalling transport.</summary>
/// <param name="Action">What to do.</param>
/// <param name="RejectReason">For <see cref="TransportAction.Reject"/>: the bot's reason.</param>
/// <param name="TimedOut">For <see cref="TransportAction.Reject"/>: the bot never answered (SIP 480 rather than the reason's code).</param>
/// <param name="Targets">
/// For <see cref="TransportAction.Redirect"/> and <see cref="TransportAction.Transfer"/>: where the caller goes, each a number
/// (the transport routes it, e.g. through its trunk) or a <c>sip:</c> URI, as the bot gave it.
/// </param>
public sealed record TransportDecision(
    TransportAction Action, CallRejectReason RejectReason = CallRejectReason.None, bool TimedOut = false, IReadOnlyList<string>? Targets = null) : CallDecision;
