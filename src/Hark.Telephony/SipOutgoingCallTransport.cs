using Hark.Calls.Lifecycle;
using Hark.Sdp;
using Hark.Sip.Dialogs;
using Hark.Sip.Messages;

namespace Hark.Telephony;

/// <summary>
/// An outgoing call as its transport: Dial sends the INVITE with Hark's SDP offer (through the trunk, or to the
/// sip: URI), the callee's answer starts RTP and establishes the call, and busy, no answer, declined or
/// unreachable end it with their result.
/// </summary>
internal sealed class SipOutgoingCallTransport(
    InviteClientSession session, ISipCallSignalling signalling, RtpMediaLeg media, TimeProvider time, Action<SipCallTransport> ended, SipTargets targets)
    : SipCallTransport(signalling, media, time, ended, targets)
{
    public override string CallId => session.Invite.CallId ?? "";

    public override string LocalTag => session.Invite.From.Tag ?? "";

    public override string? RemoteTag => null;

    protected override SipSessionState SessionState => session.State;

    public override void Execute(TransportDecision decision)
    {
        switch (decision.Action)
        {
            case TransportAction.Dial:
                Run(session.Start);
                break;
            case TransportAction.HangUp:
                Run(session.HangUp);
                break;
            case TransportAction.Transfer:
                Run(() => session.Transfer(Targets.Uri(decision.Targets![0]), Targets.TransferTimeout));
                break;
        }
    }

    public override void OnRequest(object? serverTransaction, SipMessage request) => Run(() => session.OnRequest(request), serverTransaction);

    protected override IReadOnlyList<SipSessionAction> OnTimer(SipSessionTimer timer) => session.OnTimer(timer);

    protected override IReadOnlyList<SipSessionAction> OnResponse(SipMessage response) => session.OnResponse(response);

    protected override IReadOnlyList<SipSessionAction> OnTransactionTimeout(SipMessage request) => session.OnTransactionTimeout(request);

    protected override object ResponseTransaction(SipMessage response, object? current) =>
        current ?? throw new InvalidOperationException("An outgoing call answers only requests it received.");

    protected override void Report(SipSessionAction action, List<Action> after)
    {
        switch (action.Event)
        {
            case SipSessionEvent.Answered:
                var answered = SessionDescription.TryParse((action.Message?.Body ?? ReadOnlyMemory<byte>.Empty).Span, out var answer, out _)
                    ? OfferAnswer.ApplyAnswer(Media.LocalDescription, answer!)
                    : null;
                if (answered is { IsSuccess: true })
                {
                    Media.Update(answered.Audio!, Media.LocalDescription);
                    after.Add(() =>
                    {
                        Post(c => c.RemoteAnswered());
                        Media.Start(Actor!);
                    });
                }
                else
                {
                    // An answer Hark cannot use: the call is up in SIP but has no media; end it.
                    Apply(session.HangUp(), after);
                    after.Add(() => Post(c => c.DialFailed(DialFailure.Unreachable)));
                }

                break;
            case SipSessionEvent.Busy:
                after.Add(() => Post(c => c.DialFailed(DialFailure.Busy)));
                break;
            case SipSessionEvent.NoAnswer:
                after.Add(() => Post(c => c.DialFailed(DialFailure.NoAnswer)));
                break;
            case SipSessionEvent.Declined:
                after.Add(() => Post(c => c.DialFailed(DialFailure.Declined)));
                break;
            case SipSessionEvent.Unreachable:
                after.Add(() => Post(c => c.DialFailed(DialFailure.Unreachable)));
                break;
            case SipSessionEvent.RemoteHangUp:
                after.Add(() =>
                {
                    // What the caller said before hanging up reaches the call ahead of the hang-up.
                    Media.Flush();
                    Post(c => c.RemoteHungUp());
                });
                break;
            case SipSessionEvent.HangUpCompleted:
                after.Add(() => Post(c => c.State == CallState.Terminating ? c.HangUpCompleted() : c.RemoteHungUp()));
                break;
            default:
                ReportTransfer(action, after);
                break;
        }
    }
}
