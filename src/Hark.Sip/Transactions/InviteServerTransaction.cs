using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>
/// The INVITE server transaction (RFC 3261 §17.2.1, with RFC 6026's Accepted state): sends 100 Trying if the
/// TU is silent for 200 ms, retransmits non-2xx finals over unreliable transports until the ACK, and absorbs
/// retransmitted INVITEs. Inputs return the decisions to carry out; it does no I/O and reads no clock.
/// </summary>
public sealed class InviteServerTransaction
{
    private readonly bool _reliable;
    private readonly SipTimerSettings _timers;
    private SipMessage? _lastResponse;
    private ReadOnlyMemory<byte> _lastResponseBytes;
    private TimeSpan _timerG;

    public InviteServerTransaction(SipMessage request, bool reliable, SipTimerSettings? timers = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method != SipMethods.Invite)
        {
            throw new ArgumentException("not an INVITE", nameof(request));
        }

        Request = request;
        Key = SipTransactionKey.ForServer(request);
        _reliable = reliable;
        _timers = timers ?? SipTimerSettings.Default;
        _timerG = _timers.T1;
    }

    public SipMessage Request { get; }

    public SipTransactionKey Key { get; }

    public SipTransactionState State { get; private set; } = SipTransactionState.Proceeding;

    /// <summary>Hands the INVITE to the TU and arms the 100 Trying timer.</summary>
    public IReadOnlyList<SipTransactionAction> Start()
    {
        var actions = new SipTransactionActions();
        actions.Deliver(Request);
        actions.Start(SipTimer.Trying, _timers.TryingDelay);
        return actions.Result;
    }

    /// <summary>A request matching this transaction arrived: a retransmitted INVITE or the ACK.</summary>
    public IReadOnlyList<SipTransactionAction> OnRequest(SipMessage request)
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
                EnterOrSchedule(actions, SipTimer.I, _timers.T4);
            }
            else if (State == SipTransactionState.Accepted)
            {
                // The ACK for a 2xx belongs to the dialog, not to this transaction (RFC 6026 §7.1).
                actions.Deliver(request);
            }

            return actions.Result;
        }

        if (State is SipTransactionState.Proceeding or SipTransactionState.Completed && _lastResponse is not null)
        {
            actions.Send(_lastResponse, _lastResponseBytes);
        }

        return actions.Result;
    }

    /// <summary>The TU responds; provisional, 2xx and non-2xx take the §17.2.1 paths.</summary>
    public IReadOnlyList<SipTransactionAction> SendResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var actions = new SipTransactionActions();
        var status = response.StatusCode;
        switch (State)
        {
            case SipTransactionState.Proceeding:
                actions.Stop(SipTimer.Trying);
                Remember(response);
                actions.Send(response, _lastResponseBytes);
                if (status >= 300)
                {
                    State = SipTransactionState.Completed;
                    if (!_reliable)
                    {
                        actions.Start(SipTimer.G, _timerG);
                    }

                    actions.Start(SipTimer.H, _timers.TransactionTimeout);
                }
                else if (status >= 200)
                {
                    State = SipTransactionState.Accepted;
                    actions.Start(SipTimer.L, _timers.TransactionTimeout);
                }

                break;
            case SipTransactionState.Accepted when status is >= 200 and < 300:
                // The TU retransmits its 2xx until the ACK arrives (§13.3.1.4); the transaction only forwards them.
                actions.Send(response, SipTransactionActions.Encode(response));
                break;
        }

        return actions.Result;
    }

    public IReadOnlyList<SipTransactionAction> OnTimer(SipTimer timer)
    {
        var actions = new SipTransactionActions();
        switch (timer)
        {
            case SipTimer.Trying when State == SipTransactionState.Proceeding && _lastResponse is null:
                var trying = SipResponses.CreateFrom(Request, 100);
                Remember(trying);
                actions.Send(trying, _lastResponseBytes);
                break;
            case SipTimer.G when State == SipTransactionState.Completed:
                actions.Send(_lastResponse!, _lastResponseBytes);
                _timerG = _timerG * 2 < _timers.T2 ? _timerG * 2 : _timers.T2;
                actions.Start(SipTimer.G, _timerG);
                break;
            case SipTimer.H when State == SipTransactionState.Completed:
                actions.Stop(SipTimer.G);
                actions.Timeout();
                Terminate(actions);
                break;
            case SipTimer.I when State == SipTransactionState.Confirmed:
            case SipTimer.L when State == SipTransactionState.Accepted:
                Terminate(actions);
                break;
        }

        return actions.Result;
    }

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

    private void Remember(SipMessage response)
    {
        _lastResponse = response;
        _lastResponseBytes = SipTransactionActions.Encode(response);
    }

    private void EnterOrSchedule(SipTransactionActions actions, SipTimer timer, TimeSpan unreliableDelay)
    {
        // Over reliable transports timers I, J, K are zero: the state ends at once.
        if (_reliable)
        {
            Terminate(actions);
        }
        else
        {
            actions.Start(timer, unreliableDelay);
        }
    }

    private void Terminate(SipTransactionActions actions)
    {
        State = SipTransactionState.Terminated;
        actions.Terminated();
    }
}
