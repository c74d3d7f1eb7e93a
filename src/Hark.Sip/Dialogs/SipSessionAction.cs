using Hark.Sip.Messages;

namespace Hark.Sip.Dialogs;

/// <summary>One decision returned by an INVITE session; I/O, transactions and timers are the owner's.</summary>
public readonly record struct SipSessionAction(
    SipSessionActionKind Kind,
    SipMessage? Message = null,
    SipSessionTimer Timer = default,
    TimeSpan Delay = default,
    SipSessionEvent Event = default,
    int StatusCode = 0,
    string? Detail = null)
{
    public override string ToString() => Kind switch
    {
        SipSessionActionKind.SendResponse or SipSessionActionKind.SendRequest => $"{Kind} {Message}",
        SipSessionActionKind.StartTimer => $"{Kind} {Timer} {Delay.TotalMilliseconds}ms",
        SipSessionActionKind.StopTimer => $"{Kind} {Timer}",
        _ => StatusCode != 0 ? $"{Kind} {Event} {StatusCode}" : $"{Kind} {Event}",
    };
}
