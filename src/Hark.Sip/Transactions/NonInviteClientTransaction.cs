using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>
/// The non-INVITE client transaction (RFC 3261 §17.1.2): retransmits on timer E (capped at T2, and at T2 flat
/// once a provisional arrived), gives up on timer F, and absorbs retransmitted finals during timer K.
/// </summary>
public sealed class NonInviteClientTransaction
{
    private readonly bool _reliable;
    private readonly SipTimerSettings _timers;
    private readonly ReadOnlyMemory<byte> _requestBytes;
    private TimeSpan _timerE;

    public NonInviteClientTransaction(SipMessage request, bool reliable, SipTimerSettings? timers = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method is SipMethods.Invite or SipMethods.Ack || !request.TopVia.HasRfc3261Branch)
        {
            throw new ArgumentException("a non-INVITE, non-ACK request with an RFC 3261 branch is required", nameof(request));
        }

        Request = request;
        Key = SipTransactionKey.ForClientRequest(request);
        _reliable = reliable;
        _timers = timers ?? SipTimerSettings.Default;
        _timerE = _timers.T1;
        _requestBytes = SipTransactionActions.Encode(request);
    }

    public SipMessage Request { get; }

    public SipTransactionKey Key { get; }

    public SipTransactionState State { get; private set; } = SipTransactionState.Trying;

    public IReadOnlyList<SipTransactionAction> Start()
    {
        var actions = new SipTransactionActions();
        actions.Send(Request, _requestBytes);
        if (!_reliable)
        {
            actions.Start(SipTimer.E, _timerE);
        }

        actions.Start(SipTimer.F, _timers.TransactionTimeout);
        return actions.Result;
    }

    public IReadOnlyList<SipTransactionAction> OnResponse(SipMessage response)
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
        if (_reliable)
        {
            State = SipTransactionState.Terminated;
            actions.Terminated();
        }
        else
        {
            actions.Start(SipTimer.K, _timers.T4);
        }

        return actions.Result;
    }

    public IReadOnlyList<SipTransactionAction> OnTimer(SipTimer timer)
    {
        var actions = new SipTransactionActions();
        switch (timer)
        {
            case SipTimer.E when State is SipTransactionState.Trying or SipTransactionState.Proceeding:
                actions.Send(Request, _requestBytes);
                _timerE = State == SipTransactionState.Proceeding ? _timers.T2 : (_timerE * 2 < _timers.T2 ? _timerE * 2 : _timers.T2);
                actions.Start(SipTimer.E, _timerE);
                break;
            case SipTimer.F when State is SipTransactionState.Trying or SipTransactionState.Proceeding:
                actions.Stop(SipTimer.E);
                actions.Timeout();
                State = SipTransactionState.Terminated;
                actions.Terminated();
                break;
            case SipTimer.K when State == SipTransactionState.Completed:
                State = SipTransactionState.Terminated;
                actions.Terminated();
                break;
        }

        return actions.Result;
    }

    public IReadOnlyList<SipTransactionAction> OnTransportError()
    {
        var actions = new SipTransactionActions();
        if (State != SipTransactionState.Terminated)
        {
            State = SipTransactionState.Terminated;
            actions.TransportError();
            actions.Terminated();
        }

        return actions.Result;
    }
}
