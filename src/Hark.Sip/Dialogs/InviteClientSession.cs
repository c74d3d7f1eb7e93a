using Hark.Sip.Messages;

namespace Hark.Sip.Dialogs;

/// <summary>
/// The UAC side of an INVITE session (an outgoing call), as a pure state machine: <see cref="Start"/> returns the
/// INVITE to send through an INVITE client transaction; the owner feeds back the responses that transaction delivers,
/// its timeout, the session timers and in-dialog requests, and carries out the returned decisions. The outcome is
/// reported once: Answered, or Busy/NoAnswer/Declined/Unreachable (<see cref="SipCallOutcome"/>), or HangUpCompleted.
/// </summary>
public sealed partial class InviteClientSession
{
    private readonly SipOutgoingCall _call;
    private readonly SipSessionMessages _messages;
    private readonly string _localTag;
    private readonly string _callId;
    private InviteDialogUsage? _usage;
    private SipMessage? _ack;
    private SipMessage? _cancel;
    private SipSessionState _state = SipSessionState.Calling;
    private GiveUp _giveUp;
    private bool _provisionalReceived;
    private bool _cancelPending;
    private bool _retriedWithCredentials;
    private SipHeader? _credentials;

    public InviteClientSession(SipOutgoingCall call, SipSessionSettings settings, ISipIdGenerator? ids = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(settings);
        _call = call;
        _messages = new SipSessionMessages(settings, ids ?? SipIdGenerator.Shared);
        _localTag = _messages.Ids.NewTag();
        _callId = _messages.Ids.NewCallId();
        Invite = BuildInvite(1);
    }

    private enum GiveUp
    {
        None,
        RingTimeout,
        HangUp,
    }

    /// <summary>The INVITE in flight: CSeq 1, or 2 once retried with credentials.</summary>
    public SipMessage Invite { get; private set; }

    /// <summary>The dialog, once a 2xx created it.</summary>
    public SipDialog? Dialog => _usage?.Dialog;

    public SipSessionState State => _usage?.State ?? _state;

    /// <summary>Sends the INVITE and arms the ring timeout.</summary>
    public IReadOnlyList<SipSessionAction> Start()
    {
        var actions = new SipSessionActions();
        if (_state == SipSessionState.Calling && !_provisionalReceived && _giveUp == GiveUp.None)
        {
            actions.Send(Invite);
            actions.Start(SipSessionTimer.RingTimeout, _call.RingTimeout);
        }

        return actions.Result;
    }

    /// <summary>Hark ends the call: CANCEL before the answer (once a provisional response allows it, §9.1), BYE after.</summary>
    public IReadOnlyList<SipSessionAction> HangUp()
    {
        var actions = new SipSessionActions();
        if (_usage is not null)
        {
            _usage.HangUp(actions);
        }
        else if (IsUnanswered)
        {
            GiveUpCalling(actions, GiveUp.HangUp);
        }

        return actions.Result;
    }

    /// <summary>Answers the re-INVITE last reported with 200 and <paramref name="sdp"/>.</summary>
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

    public IReadOnlyList<SipSessionAction> AnswerReInvite(ReadOnlyMemory<byte> sdp)
    {
        var actions = new SipSessionActions();
        _usage?.AnswerReInvite(actions, sdp);
        return actions.Result;
    }

    public IReadOnlyList<SipSessionAction> RejectReInvite(int statusCode = 488)
    {
        var actions = new SipSessionActions();
        _usage?.RejectReInvite(actions, statusCode);
        return actions.Result;
    }

    /// <summary>A request from the peer in this dialog (BYE, re-INVITE, OPTIONS, INFO, ...).</summary>
    public IReadOnlyList<SipSessionAction> OnRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actions = new SipSessionActions();
        if (_usage is not null)
        {
            _usage.OnRequest(actions, request);
        }
        else if (request.Method != SipMethods.Ack)
        {
            // Early dialogs are not kept on the UAC side; the peer learns it has none.
            actions.Respond(_messages.Response(request, 481));
        }

        return actions.Result;
    }

    public IReadOnlyList<SipSessionAction> OnTimer(SipSessionTimer timer)
    {
        var actions = new SipSessionActions();
        switch (timer)
        {
            case SipSessionTimer.RingTimeout when IsUnanswered && _giveUp == GiveUp.None:
                GiveUpCalling(actions, GiveUp.RingTimeout);
                break;
            case SipSessionTimer.CancelTimeout when IsUnanswered:
                // §9.1: no final response 64*T1 after the CANCEL; the INVITE counts as cancelled.
                Finish(actions, 408, null);
                break;
            default:
                _usage?.OnTimer(actions, timer);
                break;
        }

        return actions.Result;
    }

    /// <summary>A client transaction of this call timed out or hit a transport error (timer B for the INVITE, F for BYE).</summary>
    public IReadOnlyList<SipSessionAction> OnTransactionTimeout(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actions = new SipSessionActions();
        if (request.Method == SipMethods.Invite && request.CSeq.Number == Invite.CSeq.Number && IsUnanswered)
        {
            Finish(actions, 408, null);
        }
        else
        {
            _usage?.OnTransactionTimeout(actions, request);
        }

        return actions.Result;
    }

    private bool IsUnanswered => _usage is null && _state is SipSessionState.Calling or SipSessionState.Proceeding or SipSessionState.Terminating;

    private void GiveUpCalling(SipSessionActions actions, GiveUp reason)
    {
        _giveUp = reason;
        _state = SipSessionState.Terminating;
        actions.Stop(SipSessionTimer.RingTimeout);
        if (_provisionalReceived)
        {
            SendCancel(actions);
        }
        else
        {
            _cancelPending = true;
        }
    }

    /// <summary>CANCEL per §9.1: the INVITE's Request-URI, Call-ID, From, To, top Via, Route and CSeq number.</summary>
    private void SendCancel(SipSessionActions actions)
    {
        _cancelPending = false;
        var headers = new List<SipHeader> { new(SipHeaderNames.Via, Invite.TopVia.ToString()), new(SipHeaderNames.MaxForwards, "70") };
        foreach (var header in Invite.Headers)
        {
            if (header.Name is SipHeaderNames.Route or SipHeaderNames.From or SipHeaderNames.To or SipHeaderNames.CallId)
            {
                headers.Add(header);
            }
        }

        headers.Add(new SipHeader(SipHeaderNames.CSeq, new SipCSeq(Invite.CSeq.Number, SipMethods.Cancel).ToString()));
        _cancel = SipMessage.CreateRequest(SipMethods.Cancel, Invite.RequestUri, headers);
        actions.Send(_cancel);
        actions.Start(SipSessionTimer.CancelTimeout, _messages.Settings.Timers.TransactionTimeout);
    }

    private SipMessage BuildInvite(uint sequence)
    {
        var headers = new List<SipHeader>
        {
            new(SipHeaderNames.Via, _messages.NewVia().ToString()),
            new(SipHeaderNames.MaxForwards, "70"),
        };
        if (_call.OutboundProxy is { } proxy)
        {
            var route = proxy.IsLooseRouter
                ? proxy
                : new SipUri(proxy.Host, proxy.User, proxy.Port, proxy.IsSecure, [.. proxy.Parameters, new SipParameter("lr", null)]);
            headers.Add(new SipHeader(SipHeaderNames.Route, new SipNameAddress(route).ToString()));
        }

        headers.Add(new SipHeader(SipHeaderNames.From, _call.From.WithTag(_localTag).ToString()));
        headers.Add(new SipHeader(SipHeaderNames.To, _call.To.ToString()));
        headers.Add(new SipHeader(SipHeaderNames.CallId, _callId));
        headers.Add(new SipHeader(SipHeaderNames.CSeq, new SipCSeq(sequence, SipMethods.Invite).ToString()));
        headers.AddRange(_messages.RequestHeaders(contact: true, sdp: !_call.Offer.IsEmpty, _credentials is { } credentials ? [credentials] : null));
        return SipMessage.CreateRequest(SipMethods.Invite, _call.RequestUri.ToString(), headers, _call.Offer);
    }
}
