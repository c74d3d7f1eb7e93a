using Hark.Calls.Lifecycle;

namespace Hark.Telephony;

/// <summary>Where the SIP endpoint hands an incoming call: the host routes it to an application (the Graph layer).</summary>
public interface IIncomingCallRouter
{
    /// <summary>Rings the application that takes <paramref name="to"/>; false when none does (the INVITE gets 404).</summary>
    /// <param name="from">The caller's number or SIP user part.</param>
    /// <param name="to">The number dialled (the Request-URI's user part).</param>
    /// <param name="call">The call's transport, which the application's call drives.</param>
    bool Offer(string from, string to, ICallTransport call);
}
