using System.Net;
using Hark.Sip.Messages;
using Hark.Sip.Transactions;

namespace Hark.Sip.Transport;

/// <summary>
/// One client transaction run by the manager: the state machine, its timers, and the task the sender awaits.
/// Inputs are serialized by a lock per transaction; the callbacks run after it is released.
/// </summary>
internal sealed class SipClientTransaction : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SipTransactionManager _owner;
    private readonly SipClientTransactionMachine _machine;
    private readonly SipTransactionTimers _timers;
    private readonly Action<SipMessage>? _onResponse;

    public SipClientTransaction(
        SipTransactionManager owner, SipMessage request, ISipTransport transport, IPEndPoint target,
        Action<SipMessage>? onResponse, SipTimerSettings settings, TimeProvider time)
    {
        _owner = owner;
        Request = request;
        Transport = transport;
        Target = target;
        _onResponse = onResponse;
        _machine = request.Method == SipMethods.Invite
            ? new InviteClientTransaction(request, transport.IsReliable, settings)
            : new NonInviteClientTransaction(request, transport.IsReliable, settings);
        Key = _machine.Key;
        _timers = new SipTransactionTimers(time, timer => Run(() => _machine.OnTimer(timer)));
    }

    public SipMessage Request { get; }

    public ISipTransport Transport { get; }

    public IPEndPoint Target { get; }

    public SipTransactionKey Key { get; }

    /// <summary>Completes with the first final response, or a local 408 (timeout) or 503 (transport error), §8.1.3.1.</summary>
    public TaskCompletionSource<SipMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Start() => Run(_machine.Start);

    public void OnResponse(SipMessage response) => Run(() => _machine.OnResponse(response));

    /// <summary>Stops the timers and cancels the waiting task (the manager is being disposed).</summary>
    public void Dispose()
    {
        _timers.Dispose();
        Completion.TrySetCanceled();
    }

    private void Run(Func<IReadOnlyList<SipTransactionAction>> input)
    {
        IReadOnlyList<SipTransactionAction> actions;
        var sendFailed = false;
        lock (_gate)
        {
            actions = input();
            _timers.Apply(actions);
            foreach (var action in actions)
            {
                if (action.Kind == SipTransactionActionKind.Send)
                {
                    sendFailed |= !_owner.TrySend(() => Transport.SendRequestAsync(action.Bytes, Target), OnSendFailed);
                }
            }
        }

        foreach (var action in actions)
        {
            switch (action.Kind)
            {
                case SipTransactionActionKind.DeliverToUser:
                    Deliver(action.Message!);
                    break;
                case SipTransactionActionKind.Timeout:
                    Completion.TrySetResult(SipResponses.CreateFrom(Request, 408));
                    break;
                case SipTransactionActionKind.TransportError:
                    Completion.TrySetResult(SipResponses.CreateFrom(Request, 503));
                    break;
                case SipTransactionActionKind.Terminated:
                    _owner.Remove(this);
                    break;
            }
        }

        if (sendFailed)
        {
            OnSendFailed();
        }
    }

    private void Deliver(SipMessage response)
    {
        try
        {
            _onResponse?.Invoke(response);
        }
#pragma warning disable CA1031 // The callback belongs to the TU; its failure must not stall the transaction.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _owner.HandlerFailed(ex, Target.Address);
        }

        if (response.StatusCode >= 200)
        {
            Completion.TrySetResult(response);
        }
    }

    private void OnSendFailed() => Run(_machine.OnTransportError);
}
