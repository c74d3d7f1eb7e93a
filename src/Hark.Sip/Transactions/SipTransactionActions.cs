using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>Accumulates the decisions of one input; shared by the four machines.</summary>
internal sealed class SipTransactionActions
{
    private readonly List<SipTransactionAction> _actions = [];

    public IReadOnlyList<SipTransactionAction> Result => _actions;

    public static ReadOnlyMemory<byte> Encode(SipMessage message) => SipMessageWriter.ToArray(message);

    public void Send(SipMessage message, ReadOnlyMemory<byte> bytes) =>
        _actions.Add(new SipTransactionAction(SipTransactionActionKind.Send, message, bytes));

    public void Start(SipTimer timer, TimeSpan delay) =>
        _actions.Add(new SipTransactionAction(SipTransactionActionKind.StartTimer, Timer: timer, Delay: delay));

    public void Stop(SipTimer timer) =>
        _actions.Add(new SipTransactionAction(SipTransactionActionKind.StopTimer, Timer: timer));

    public void Deliver(SipMessage message) =>
        _actions.Add(new SipTransactionAction(SipTransactionActionKind.DeliverToUser, message));

    public void Timeout() => _actions.Add(new SipTransactionAction(SipTransactionActionKind.Timeout));

    public void TransportError() => _actions.Add(new SipTransactionAction(SipTransactionActionKind.TransportError));

    public void Terminated() => _actions.Add(new SipTransactionAction(SipTransactionActionKind.Terminated));
}
