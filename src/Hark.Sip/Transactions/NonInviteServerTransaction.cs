using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>
/// The non-INVITE server transaction (RFC 3261 §17.2.2): answers retransmitted requests with the last
/// response and lingers in Completed for timer J so late retransmissions still get the final answer.
/// </summary>
public sealed class NonInviteServerTransaction
{
    private readonly bool _reliable;
    private readonly SipTimerSettings _timers;
    private SipMessage? _lastResponse;
    private ReadOnlyMemory<byte> _lastResponseBytes;

    public NonInviteServerTransaction(SipMessage request, bool reliable, SipTimerSettings? timers = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method is SipMethods.Invite or SipMethods.Ack)
        {
            throw new ArgumentException("INVITE and ACK do not make a non-INVITE transaction", nameof(request));
        }

        Request = request;
        Key = SipTransactionKey.ForServer(request);
        _reliable = reliable;
        _timers = timers ?? SipTimerSettings.Default;
    }

    public SipMessage Request { get; }

    public SipTransactionKey Key { get; }

    public SipTransactionState State { get; private set; } = SipTransactionState.Trying;

    public IReadOnlyList<SipTransactionAction> Start()
    {
        var actions = new SipTransactionActions();
        actions.Deliver(Request);
        return actions.Result;
    }

    /// <summary>A retransmission of the request: answered with the last response once there is one.</summary>
    public IReadOnlyList<SipTransactionAction> OnRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actions = new SipTransactionActions();
        if (State is SipTransactionState.Proceeding or SipTransactionState.Completed)
        {
            actions.Send(_lastResponse!, _lastResponseBytes);
        }

        return actions.Result;
    }

    public IReadOnlyList<SipTransactionAction> SendResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var actions = new SipTransactionActions();
        if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return actions.Result;
        }

        _lastResponse = response;
        _lastResponseBytes = SipTransactionActions.Encode(response);
        actions.Send(response, _lastResponseBytes);
        if (response.StatusCode < 200)
        {
            State = SipTransactionState.Proceeding;
            return actions.Result;
        }

        State = SipTransactionState.Completed;
        if (_reliable)
        {
            State = SipTransactionState.Terminated;
            actions.Terminated();
        }
        else
        {
            actions.Start(SipTimer.J, _timers.TransactionTimeout);
        }

        return actions.Result;
    }

    public IReadOnlyList<SipTransactionAction> OnTimer(SipTimer timer)
    {
        var actions = new SipTransactionActions();
        if (timer == SipTimer.J && State == SipTransactionState.Completed)
        {
            State = SipTransactionState.Terminated;
            actions.Terminated();
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
