using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>
/// The INVITE client transaction (RFC 3261 §17.1.1, with RFC 6026's Accepted state): retransmits the INVITE
/// on timer A over unreliable transports, gives up on timer B, and ACKs non-2xx finals itself (§17.1.1.3).
/// </summary>
public sealed class InviteClientTransaction : SipClientTransactionMachine
{
    private SipMessage? _ack;
    private ReadOnlyMemory<byte> _ackBytes;
    private TimeSpan _timerA;

    public InviteClientTransaction(SipMessage request, bool reliable, SipTimerSettings? timers = null)
        : base(
            request,
            static r => r.Method == SipMethods.Invite && r.TopVia.HasRfc3261Branch,
            "an INVITE with an RFC 3261 branch is required",
            SipTransactionState.Calling,
            reliable,
            timers)
    {
        _timerA = TimerSettings.T1;
    }

    /// <summary>Sends the INVITE and arms timers A (unreliable only) and B.</summary>
    public override IReadOnlyList<SipTransactionAction> Start() => SendRequest(SipTimer.A, _timerA, SipTimer.B);

    public override IReadOnlyList<SipTransactionAction> OnResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var actions = new SipTransactionActions();
        var status = response.StatusCode;
        switch (State)
        {
            case SipTransactionState.Calling or SipTransactionState.Proceeding:
                actions.Stop(SipTimer.A);
                actions.Stop(SipTimer.B);
                actions.Deliver(response);
                if (status < 200)
                {
                    State = SipTransactionState.Proceeding;
                }
                else if (status < 300)
                {
                    State = SipTransactionState.Accepted;
                    actions.Start(SipTimer.M, TimerSettings.TransactionTimeout);
                }
                else
                {
                    State = SipTransactionState.Completed;
                    _ack = CreateAck(Request, response);
                    _ackBytes = SipTransactionActions.Encode(_ack);
                    actions.Send(_ack, _ackBytes);
                    EndOrLinger(actions, SipTimer.D, TimerSettings.TimerD);
                }

                break;
            case SipTransactionState.Completed when status >= 300:
                actions.Send(_ack!, _ackBytes);
                break;
            case SipTransactionState.Accepted when status is >= 200 and < 300:
                // 2xx retransmissions (possibly from other forks) go to the TU, which ACKs them (RFC 6026 §7.2).
                actions.Deliver(response);
                break;
        }

        return actions.Result;
    }

    public override IReadOnlyList<SipTransactionAction> OnTimer(SipTimer timer)
    {
        var actions = new SipTransactionActions();
        switch (timer)
        {
            case SipTimer.A when State == SipTransactionState.Calling:
                actions.Send(Request, RequestBytes);
                _timerA *= 2;
                actions.Start(SipTimer.A, _timerA);
                break;
            case SipTimer.B when State == SipTransactionState.Calling:
                EndWithTimeout(actions, SipTimer.A);
                break;
            case SipTimer.D when State == SipTransactionState.Completed:
            case SipTimer.M when State == SipTransactionState.Accepted:
                Terminate(actions);
                break;
        }

        return actions.Result;
    }

    /// <summary>
    /// The ACK for a non-2xx final (§17.1.1.3): Request-URI, Call-ID, From, top Via and CSeq number of the INVITE,
    /// To of the response, the INVITE's Route headers, method ACK.
    /// </summary>
    internal static SipMessage CreateAck(SipMessage invite, SipMessage response)
    {
        var headers = new List<SipHeader> { new(SipHeaderNames.Via, invite.TopVia.ToString()) };
        headers.Add(new SipHeader(SipHeaderNames.MaxForwards, "70"));
        foreach (var header in invite.Headers)
        {
            if (header.Name is SipHeaderNames.From or SipHeaderNames.CallId or SipHeaderNames.Route)
            {
                headers.Add(header);
            }
        }

        headers.Add(new SipHeader(SipHeaderNames.To, response.GetHeader(SipHeaderNames.To)!));
        headers.Add(new SipHeader(SipHeaderNames.CSeq, new SipCSeq(invite.CSeq.Number, SipMethods.Ack).ToString()));
        return SipMessage.CreateRequest(SipMethods.Ack, invite.RequestUri, headers);
    }
}
