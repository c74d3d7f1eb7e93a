using Hark.Calls.Lifecycle;
using Hark.Media.Dtmf;
using Hark.Sdp;
using Hark.Sip.Dialogs;
using Hark.Sip.Messages;

namespace Hark.Telephony;

/// <summary>
/// A caller's INVITE as the call's transport: the lifecycle's decisions become SIP (180, 200 with Hark's SDP
/// answer, 486/603/403/480, 302 for a redirect, REFER for a transfer, BYE), and what the caller does in SIP (ACK, CANCEL, BYE, re-INVITE) becomes
/// lifecycle inputs.
/// </summary>
internal sealed class SipIncomingCall(
    InviteServerSession session, object inviteTransaction, ISipCallSignalling signalling, RtpMediaLeg media, TimeProvider time, Action<SipCallTransport> ended,
    SipTargets targets)
    : SipCallTransport(signalling, media, time, ended, targets)
{
    private bool _mediaStarted;

    public override string CallId => session.Invite.CallId ?? "";

    public override string LocalTag => session.Dialog.LocalTag;

    public override string? RemoteTag => session.Invite.From.Tag ?? "";

    /// <summary>The INVITE's server transaction (a CANCEL that matched it finds the call through it).</summary>
    public object InviteTransaction => inviteTransaction;

    protected override SipSessionState SessionState => session.State;

    public override void Execute(TransportDecision decision)
    {
        switch (decision.Action)
        {
            case TransportAction.SendRinging:
                Run(session.Ring);
                break;
            case TransportAction.Accept:
                Run(() => session.Accept(Media.LocalDescription.ToUtf8Bytes()));
                break;
            case TransportAction.Reject:
                Run(() => session.Reject(decision.TimedOut ? 480 : decision.RejectReason switch
                {
                    CallRejectReason.Busy => 486,
                    CallRejectReason.Forbidden => 403,
                    _ => 603,
                }));
                break;
            case TransportAction.HangUp:
                Run(session.HangUp);
                break;
            case TransportAction.Dial:
                Post(c => c.DialFailed(DialFailure.Unreachable));
                break;
            case TransportAction.Redirect:
                Run(() => session.Redirect([.. decision.Targets!.Select(Targets.Uri)]));
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

    // A response to the INVITE goes on its transaction; one to an in-dialog request on that request's.
    protected override object ResponseTransaction(SipMessage response, object? current) =>
        (response.CSeq.Number == session.Invite.CSeq.Number && response.CSeq.Method == SipMethods.Invite) || current is null
            ? inviteTransaction
            : current;

    protected override void Report(SipSessionAction action, List<Action> after)
    {
        switch (action.Event)
        {
            case SipSessionEvent.MediaConnected when !_mediaStarted:
                _mediaStarted = true;
                after.Add(() =>
                {
                    Post(c => c.MediaConnected());
                    Media.Start(Actor!);
                });
                break;
            case SipSessionEvent.CancelledByCaller or SipSessionEvent.RemoteHangUp:
                after.Add(() =>
                {
                    // What the caller said before hanging up reaches the call ahead of the hang-up.
                    Media.Flush();
                    Post(c => c.RemoteHungUp());
                });
                break;
            case SipSessionEvent.HangUpCompleted or SipSessionEvent.AckTimeout:
                after.Add(() => Post(c => c.State == CallState.Terminating ? c.HangUpCompleted() : c.RemoteHungUp()));
                break;
            case SipSessionEvent.ReInvite:
                Apply(AnswerReInvite(action.Message), after);
                break;
            case SipSessionEvent.Key when action.Detail is { Length: 1 } key && DtmfKeyExtensions.TryParse(key[0], out var dtmf):
                // SIP INFO carries no timestamp: the key counts from now (where the frames processed so far end).
                after.Add(() => Actor?.ProcessKey(dtmf, long.MaxValue));
                break;
            default:
                ReportTransfer(action, after);
                break;
        }
    }

    // Hold, unhold and session refresh: answer from Hark's previous SDP so the version only moves on a change.
    private IReadOnlyList<SipSessionAction> AnswerReInvite(SipMessage? reInvite)
    {
        if (!SessionDescription.TryParse((reInvite?.Body ?? ReadOnlyMemory<byte>.Empty).Span, out var offer, out _))
        {
            return session.RejectReInvite(488);
        }

        var previous = Media.LocalDescription;
        var local = new LocalAudioCapabilities(previous.Origin.Address, Media.Port, ulong.Parse(previous.Origin.SessionId, System.Globalization.CultureInfo.InvariantCulture));
        var answer = OfferAnswer.Answer(offer!, local, previous);
        if (!answer.IsAccepted)
        {
            return session.RejectReInvite(488);
        }

        Media.Update(answer.Audio!, answer.Answer!);
        return session.AnswerReInvite(answer.Answer!.ToUtf8Bytes());
    }
}
