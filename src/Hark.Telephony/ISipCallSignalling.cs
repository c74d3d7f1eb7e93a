using Hark.Sip.Messages;

namespace Hark.Telephony;

/// <summary>What a SIP call needs from the endpoint's transaction layer (kept small so the call is testable).</summary>
internal interface ISipCallSignalling
{
    /// <summary>Sends a response on the server transaction of the request it answers.</summary>
    void Respond(object serverTransaction, SipMessage response);

    /// <summary>Sends a request outside any transaction (the ACK for a 2xx).</summary>
    void SendStateless(SipMessage request);

    /// <summary>Sends a request in a client transaction; each response and a transaction timeout come back through the callbacks.</summary>
    void SendRequest(SipMessage request, Action<SipMessage> onResponse, Action onTimeout);
}
