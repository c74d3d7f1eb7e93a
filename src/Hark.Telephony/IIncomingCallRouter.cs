using Hark.Calls.Lifecycle;

namespace Hark.Telephony;

/// <summary>Where the SIP endpoint hands an incoming call: the host routes it to an application (the Graph layer).</summary>
public interface IIncomingCallRouter
{
    /// <summary>Rings the application that takes <paramref name="to"/>, or says why not (the INVITE then gets 404 or 486).</summary>
    /// <param name="from">The caller's number or SIP user part.</param>
    /// <param name="to">The number dialled (the Request-URI's user part).</param>
    /// <param name="call">The call's transport, which the application's call drives.</param>
    IncomingCallRouting Offer(string from, string to, ICallTransport call);
}
