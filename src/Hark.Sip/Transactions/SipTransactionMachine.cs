using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>
/// What the four RFC 3261 §17 transaction machines share: the request, its key, the state, the transport's
/// reliability and the timer settings. Inputs return the decisions to carry out; a machine does no I/O and reads
/// no clock, and is not thread-safe (its owner feeds it one input at a time).
/// </summary>
public abstract class SipTransactionMachine
{
    private protected SipTransactionMachine(
        SipMessage request,
        Predicate<SipMessage> accepts,
        string rejection,
        Func<SipMessage, SipTransactionKey> keyOf,
        SipTransactionState initial,
        bool reliable,
        SipTimerSettings? timers)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!accepts(request))
        {
            throw new ArgumentException(rejection, nameof(request));
        }

        Request = request;
        Key = keyOf(request);
        State = initial;
        IsReliable = reliable;
        TimerSettings = timers ?? SipTimerSettings.Default;
    }

    public SipMessage Request { get; }

    public SipTransactionKey Key { get; }

    public SipTransactionState State { get; private protected set; }

    /// <summary>Over a reliable transport nothing is retransmitted and timers D, I, J and K are zero.</summary>
    private protected bool IsReliable { get; }

    private protected SipTimerSettings TimerSettings { get; }

    /// <summary>The first input: the client sends its request, the server hands it to the TU.</summary>
    public abstract IReadOnlyList<SipTransactionAction> Start();

    /// <summary>A timer this machine started fired; timers that no longer fit the state are ignored.</summary>
    public abstract IReadOnlyList<SipTransactionAction> OnTimer(SipTimer timer);

    /// <summary>Sending failed (§17.1.4, §17.2.4): the TU hears of it and the transaction ends.</summary>
    public IReadOnlyList<SipTransactionAction> OnTransportError()
    {
        var actions = new SipTransactionActions();
        if (State != SipTransactionState.Terminated)
        {
            actions.TransportError();
            Terminate(actions);
        }

        return actions.Result;
    }

    /// <summary>
    /// Ends the transaction now over a reliable transport (timers D, I, J and K are zero there); otherwise starts
    /// <paramref name="timer"/> so the state lingers to absorb retransmissions.
    /// </summary>
    private protected void EndOrLinger(SipTransactionActions actions, SipTimer timer, TimeSpan unreliableDelay)
    {
        if (IsReliable)
        {
            Terminate(actions);
        }
        else
        {
            actions.Start(timer, unreliableDelay);
        }
    }

    /// <summary>The transaction timer (B, F or H) fired: stop retransmitting, tell the TU it timed out, end.</summary>
    private protected void EndWithTimeout(SipTransactionActions actions, SipTimer retransmit)
    {
        actions.Stop(retransmit);
        actions.Timeout();
        Terminate(actions);
    }

    private protected void Terminate(SipTransactionActions actions)
    {
        State = SipTransactionState.Terminated;
        actions.Terminated();
    }
}
