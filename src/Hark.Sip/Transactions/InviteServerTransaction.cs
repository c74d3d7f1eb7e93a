using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>
/// The INVITE server transaction (RFC 3261 §17.2.1, with RFC 6026's Accepted state): sends 100 Trying if the
/// TU is silent for 200 ms, retransmits non-2xx finals over unreliable transports until the ACK, and absorbs
/// retransmitted INVITEs.
/// </summary>
public sealed class InviteServerTransaction : SipServerTransactionMachine
{
    private TimeSpan _timerG;

    public InviteServerTransaction(SipMessage request, bool reliable, SipTimerSettings? timers = null)
        : base(request, static r => r.Method == SipMethods.Invite, "not an INVITE", SipTransactionState.Proceeding, reliable, timers)
    {
        _timerG = TimerSettings.T1;
    }

    /// <summary>Hands the INVITE to the TU and arms the 100 Trying timer.</summary>
    public override IReadOnlyList<SipTransactionAction> Start()
    {
        var actions = new SipTransactionActions();
        actions.Deliver(Request);
        actions.Start(SipTimer.Trying, TimerSettings.TryingDelay);
        return actions.Result;
    }

    /// <summary>A request matching this transaction arrived: a retransmitted INVITE or the ACK.</summary>
    public override IReadOnlyList<SipTransactionAction> OnRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actions = new SipTransactionActions();
        if (request.Method == SipMethods.Ack)
        {
            if (State == SipTransactionState.Completed)
            {
                State = SipTransactionState.Confirmed;
                actions.Stop(SipTimer.G);
                actions.Stop(SipTimer.H);
                EndOrLinger(actions, SipTimer.I, TimerSettings.T4);
            }
            else if (State == SipTransactionState.Accepted)
            {
                // The ACK for a 2xx belongs to the dialog, not to this transaction (RFC 6026 §7.1).
                actions.Deliver(request);
            }

            return actions.Result;
        }

        if (State is SipTransactionState.Proceeding or SipTransactionState.Completed && LastResponse is not null)
        {
            actions.Send(LastResponse, LastResponseBytes);
        }

        return actions.Result;
    }

    /// <summary>The TU responds; provisional, 2xx and non-2xx take the §17.2.1 paths.</summary>
    public override IReadOnlyList<SipTransactionAction> SendResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var actions = new SipTransactionActions();
        var status = response.StatusCode;
        switch (State)
        {
            case SipTransactionState.Proceeding:
                actions.Stop(SipTimer.Trying);
                Remember(response);
                actions.Send(response, LastResponseBytes);
                if (status >= 300)
                {
                    State = SipTransactionState.Completed;
                    if (!IsReliable)
                    {
                        actions.Start(SipTimer.G, _timerG);
                    }

                    actions.Start(SipTimer.H, TimerSettings.TransactionTimeout);
                }
                else if (status >= 200)
                {
                    State = SipTransactionState.Accepted;
                    actions.Start(SipTimer.L, TimerSettings.TransactionTimeout);
                }

                break;
            case SipTransactionState.Accepted when status is >= 200 and < 300:
                // The TU retransmits its 2xx until the ACK arrives (§13.3.1.4); the transaction only forwards them.
                actions.Send(response, SipTransactionActions.Encode(response));
                break;
        }

        return actions.Result;
    }

    public override IReadOnlyList<SipTransactionAction> OnTimer(SipTimer timer)
    {
        var actions = new SipTransactionActions();
        switch (timer)
        {
            case SipTimer.Trying when State == SipTransactionState.Proceeding && LastResponse is null:
                var trying = SipResponses.CreateFrom(Request, 100);
                Remember(trying);
                actions.Send(trying, LastResponseBytes);
                break;
            case SipTimer.G when State == SipTransactionState.Completed:
                actions.Send(LastResponse!, LastResponseBytes);
                _timerG = _timerG * 2 < TimerSettings.T2 ? _timerG * 2 : TimerSettings.T2;
                actions.Start(SipTimer.G, _timerG);
                break;
            case SipTimer.H when State == SipTransactionState.Completed:
                EndWithTimeout(actions, SipTimer.G);
                break;
            case SipTimer.I when State == SipTransactionState.Confirmed:
            case SipTimer.L when State == SipTransactionState.Accepted:
                Terminate(actions);
                break;
        }

        return actions.Result;
    }
}
