using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>One decision returned by a transaction; I/O and timers are the caller's.</summary>
public readonly record struct SipTransactionAction(
    SipTransactionActionKind Kind,
    SipMessage? Message = null,
    ReadOnlyMemory<byte> Bytes = default,
    SipTimer Timer = default,
    TimeSpan Delay = default)
{
    public override string ToString() => Kind switch
    {
        SipTransactionActionKind.Send or SipTransactionActionKind.DeliverToUser => $"{Kind} {Message}",
        SipTransactionActionKind.StartTimer => $"{Kind} {Timer} {Delay.TotalMilliseconds}ms",
        SipTransactionActionKind.StopTimer => $"{Kind} {Timer}",
        _ => Kind.ToString(),
    };
}
