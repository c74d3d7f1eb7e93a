using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>
/// The non-INVITE server transaction (RFC 3261 §17.2.2): answers retransmitted requests with the last
/// response and lingers in Completed for timer J so late retransmissions still get the final answer.
/// </summary>
public sealed class NonInviteServerTransaction : SipServerTransactionMachine
{
    public NonInviteServerTransaction(SipMessage request, bool reliable, SipTimerSettings? timers = null)
        : base(
            request,
            static r => r.Method is not (SipMethods.Invite or SipMethods.Ack),
            "INVITE and ACK do not make a non-INVITE transaction",
            SipTransactionState.Trying,
            reliable,
            timers)
    {
    }

    /// <summary>Hands the request to the TU; a non-INVITE transaction sends no 100 Trying of its own.</summary>
    public override IReadOnlyList<SipTransactionAction> Start()
    {
        var actions = new SipTransactionActions();
        actions.Deliver(Request);
        return actions.Result;
    }

    /// <summary>A retransmission of the request: answered with the last response once there is one.</summary>
    public override IReadOnlyList<SipTransactionAction> OnRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actions = new SipTransactionActions();
        if (State is SipTransactionState.Proceeding or SipTransactionState.Completed)
        {
            actions.Send(LastResponse!, LastResponseBytes);
        }

        return actions.Result;
    }

    public override IReadOnlyList<SipTransactionAction> SendResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var actions = new SipTransactionActions();
        if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return actions.Result;
        }

        Remember(response);
        actions.Send(response, LastResponseBytes);
        if (response.StatusCode < 200)
        {
            State = SipTransactionState.Proceeding;
            return actions.Result;
        }

        State = SipTransactionState.Completed;
        EndOrLinger(actions, SipTimer.J, TimerSettings.TransactionTimeout);
        return actions.Result;
    }

    public override IReadOnlyList<SipTransactionAction> OnTimer(SipTimer timer)
    {
        var actions = new SipTransactionActions();
        if (timer == SipTimer.J && State == SipTransactionState.Completed)
        {
            Terminate(actions);
        }

        return actions.Result;
    }
}
