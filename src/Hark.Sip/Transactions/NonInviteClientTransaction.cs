using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>
/// The non-INVITE client transaction (RFC 3261 §17.1.2): retransmits on timer E (capped at T2, and at T2 flat
/// once a provisional arrived), gives up on timer F, and absorbs retransmitted finals during timer K.
/// </summary>
public sealed class NonInviteClientTransaction : SipClientTransactionMachine
{
    private TimeSpan _timerE;

    public NonInviteClientTransaction(SipMessage request, bool reliable, SipTimerSettings? timers = null)
        : base(
            request,
            static r => r.Method is not (SipMethods.Invite or SipMethods.Ack) && r.TopVia.HasRfc3261Branch,
            "a non-INVITE, non-ACK request with an RFC 3261 branch is required",
            SipTransactionState.Trying,
            reliable,
            timers)
    {
        _timerE = TimerSettings.T1;
    }

    /// <summary>Sends the request and arms timers E (unreliable only) and F.</summary>
    public override IReadOnlyList<SipTransactionAction> Start() => SendRequest(SipTimer.E, _timerE, SipTimer.F);

    public override IReadOnlyList<SipTransactionAction> OnResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var actions = new SipTransactionActions();
        if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return actions.Result;
        }

        actions.Deliver(response);
        if (response.StatusCode < 200)
        {
            State = SipTransactionState.Proceeding;
            return actions.Result;
        }

        actions.Stop(SipTimer.E);
        actions.Stop(SipTimer.F);
        State = SipTransactionState.Completed;
        EndOrLinger(actions, SipTimer.K, TimerSettings.T4);
        return actions.Result;
    }

    public override IReadOnlyList<SipTransactionAction> OnTimer(SipTimer timer)
    {
        var actions = new SipTransactionActions();
        switch (timer)
        {
            case SipTimer.E when State is SipTransactionState.Trying or SipTransactionState.Proceeding:
                actions.Send(Request, RequestBytes);
                var doubled = _timerE * 2 < TimerSettings.T2 ? _timerE * 2 : TimerSettings.T2;
                _timerE = State == SipTransactionState.Proceeding ? TimerSettings.T2 : doubled;
                actions.Start(SipTimer.E, _timerE);
                break;
            case SipTimer.F when State is SipTransactionState.Trying or SipTransactionState.Proceeding:
                EndWithTimeout(actions, SipTimer.E);
                break;
            case SipTimer.K when State == SipTransactionState.Completed:
                Terminate(actions);
                break;
        }

        return actions.Result;
    }
}
