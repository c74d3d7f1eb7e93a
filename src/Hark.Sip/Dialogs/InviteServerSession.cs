using Hark.Sip.Messages;

namespace Hark.Sip.Dialogs;

/// <summary>
/// The UAS side of an INVITE session (an incoming call), as a pure state machine: the owner feeds it the INVITE,
/// in-dialog requests, responses to Hark's requests, timer expiries and its own decisions (ring, accept, reject,
/// hang up), and carries out the returned <see cref="SipSessionAction"/>s. SDP is the owner's: the session only
/// carries bodies. 100 Trying is left to the INVITE server transaction unless <see cref="Trying"/> is called.
/// </summary>
public sealed class InviteServerSession
{
    private readonly SipSessionMessages _messages;
    private InviteDialogUsage? _usage;
    private SipSessionState _state = SipSessionState.Proceeding;

    public InviteServerSession(SipMessage invite, SipSessionSettings settings, ISipIdGenerator? ids = null)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(settings);
        if (!invite.IsRequest || invite.Method != SipMethods.Invite || invite.To.Tag is not null)
        {
            throw new ArgumentException("an initial INVITE (no To tag) is required", nameof(invite));
        }

        Invite = invite;
        _messages = new SipSessionMessages(settings, ids ?? SipIdGenerator.Shared);
        Dialog = SipDialog.CreateAsServer(invite, _messages.Ids.NewTag());
    }

    public SipMessage Invite { get; }

    /// <summary>The dialog (early until the 2xx); its <see cref="SipDialog.LocalTag"/> is the To tag of every response.</summary>
    public SipDialog Dialog { get; }

    public SipSessionState State => _usage?.State ?? _state;

    /// <summary>100 Trying now, for owners that do not leave it to the transaction's 200 ms timer.</summary>
    public IReadOnlyList<SipSessionAction> Trying()
    {
        var actions = new SipSessionActions();
        if (_state == SipSessionState.Proceeding && _usage is null)
        {
            actions.Respond(SipResponses.CreateFrom(Invite, 100));
        }

        return actions.Result;
    }

    /// <summary>180 Ringing with Hark's tag and Contact: an early dialog while the application decides.</summary>
    public IReadOnlyList<SipSessionAction> Ring()
    {
        var actions = new SipSessionActions();
        if (IsUnanswered)
        {
            actions.Respond(_messages.Response(Invite, 180, toTag: Dialog.LocalTag, contact: true, recordRoute: true));
        }

        return actions.Result;
    }

    /// <summary>200 OK with the SDP answer; retransmitted until the ACK, or a BYE after 64*T1 without one.</summary>
    public IReadOnlyList<SipSessionAction> Accept(ReadOnlyMemory<byte> sdpAnswer)
    {
        var actions = new SipSessionActions();
        if (IsUnanswered)
        {
            var ok = _messages.Response(Invite, 200, toTag: Dialog.LocalTag, contact: true, recordRoute: true, sdp: sdpAnswer);
            _usage = new InviteDialogUsage(Dialog, _messages, SipSessionState.Accepted);
            _usage.Send2xx(actions, ok, initial: true);
        }

        return actions.Result;
    }

    /// <summary>
    /// A final failure (Hark uses 486 busy, 603 decline, 480 unavailable, 403 forbidden, 488 unacceptable SDP);
    /// the INVITE server transaction retransmits it and absorbs the ACK.
    /// </summary>
    public IReadOnlyList<SipSessionAction> Reject(int statusCode, string? reasonPhrase = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        var actions = new SipSessionActions();
        if (IsUnanswered)
        {
            actions.Respond(_messages.Response(Invite, statusCode, reasonPhrase, Dialog.LocalTag));
            _state = SipSessionState.Terminated;
        }

        return actions.Result;
    }

    /// <summary>
    /// 302 Moved Temporarily with one Contact per target (RFC 3261 §21.3.3): the caller (or its proxy) calls them instead.
    /// Only before the answer; the INVITE server transaction retransmits it and absorbs the ACK, as for a rejection.
    /// </summary>
    public IReadOnlyList<SipSessionAction> Redirect(IReadOnlyList<string> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentOutOfRangeException.ThrowIfZero(contacts.Count);
        var actions = new SipSessionActions();
        if (IsUnanswered)
        {
            var headers = contacts.Select(c => new SipHeader(SipHeaderNames.Contact, "<" + c + ">"));
            actions.Respond(_messages.Response(Invite, 302, toTag: Dialog.LocalTag, extraHeaders: headers));
            _state = SipSessionState.Terminated;
        }

        return actions.Result;
    }

    /// <summary>A blind transfer of the answered call to <paramref name="referTo"/> (REFER); its outcome is reported later.</summary>
    public IReadOnlyList<SipSessionAction> Transfer(string referTo, TimeSpan timeout)
    {
        var actions = new SipSessionActions();
        if (_usage is null || !_usage.Transfer(actions, referTo, timeout))
        {
            actions.Report(SipSessionEvent.TransferFailed, statusCode: 491, detail: "The call cannot be transferred in its current state.");
        }

        return actions.Result;
    }

    /// <summary>Hark ends the call: 480 before the answer, otherwise a BYE (after the ACK if it is still awaited).</summary>
    public IReadOnlyList<SipSessionAction> HangUp()
    {
        if (IsUnanswered)
        {
            return Reject(480);
        }

        var actions = new SipSessionActions();
        _usage?.HangUp(actions);
        return actions.Result;
    }

    /// <summary>Answers the re-INVITE last reported (hold, unhold, refresh) with 200 and <paramref name="sdp"/>.</summary>
    public IReadOnlyList<SipSessionAction> AnswerReInvite(ReadOnlyMemory<byte> sdp)
    {
        var actions = new SipSessionActions();
        _usage?.AnswerReInvite(actions, sdp);
        return actions.Result;
    }

    /// <summary>Refuses the re-INVITE last reported; the dialog and its current session stay as they were.</summary>
    public IReadOnlyList<SipSessionAction> RejectReInvite(int statusCode = 488)
    {
        var actions = new SipSessionActions();
        _usage?.RejectReInvite(actions, statusCode);
        return actions.Result;
    }

    /// <summary>
    /// A request for this call: CANCEL of the INVITE (the transaction layer has answered it 200), ACK, or any
    /// in-dialog request. Retransmitted INVITEs belong to the transaction and are ignored here.
    /// </summary>
    public IReadOnlyList<SipSessionAction> OnRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actions = new SipSessionActions();
        if (_usage is not null)
        {
            // The CANCEL of an answered INVITE changes nothing (§9.2); the peer must send BYE.
            if (!(request.Method == SipMethods.Cancel && request.CSeq.Number == Invite.CSeq.Number))
            {
                _usage.OnRequest(actions, request);
            }

            return actions.Result;
        }

        switch (request.Method)
        {
            case SipMethods.Cancel when IsUnanswered && request.CSeq.Number == Invite.CSeq.Number:
                EndByCaller(actions);
                break;
            case SipMethods.Bye when IsUnanswered && Dialog.Matches(request):
                // A BYE on the early dialog: 200 for it, 487 for the INVITE (§15.1.2).
                actions.Respond(_messages.Response(request, 200));
                EndByCaller(actions);
                break;
            case SipMethods.Options when IsUnanswered && Dialog.Matches(request):
                actions.Respond(_messages.Response(request, 200, contact: true));
                break;
            case SipMethods.Ack or SipMethods.Invite or SipMethods.Cancel:
                break;
            default:
                actions.Respond(_messages.Response(request, 481));
                break;
        }

        return actions.Result;
    }

    /// <summary>A final response to a request Hark sent in this dialog (its BYE).</summary>
    public IReadOnlyList<SipSessionAction> OnResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var actions = new SipSessionActions();
        _usage?.OnResponse(actions, response);
        return actions.Result;
    }

    /// <summary>The client transaction of a request Hark sent (its BYE) timed out or hit a transport error.</summary>
    public IReadOnlyList<SipSessionAction> OnTransactionTimeout(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actions = new SipSessionActions();
        _usage?.OnTransactionTimeout(actions, request);
        return actions.Result;
    }

    public IReadOnlyList<SipSessionAction> OnTimer(SipSessionTimer timer)
    {
        var actions = new SipSessionActions();
        _usage?.OnTimer(actions, timer);
        return actions.Result;
    }

    private bool IsUnanswered => _usage is null && _state == SipSessionState.Proceeding;

    private void EndByCaller(SipSessionActions actions)
    {
        actions.Respond(_messages.Response(Invite, 487, toTag: Dialog.LocalTag));
        _state = SipSessionState.Terminated;
        actions.Report(SipSessionEvent.CancelledByCaller);
    }
}
