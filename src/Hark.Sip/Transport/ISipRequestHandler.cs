using System.Net;
using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>
/// The transaction user (TU) on the server side. Called on a transport's receive loop or a timer thread:
/// implementations hand the work to their own inbox and return at once.
/// </summary>
public interface ISipRequestHandler
{
    /// <summary>
    /// A new request (not ACK, not CANCEL) in its own server transaction; retransmissions never come here.
    /// Return false to leave it to the default: OPTIONS gets 200 with Allow, anything else 501.
    /// </summary>
    bool OnRequest(SipServerTransactionHandle transaction, SipMessage request);

    /// <summary>An ACK that belongs to no transaction: the ACK for a 2xx (it has its own branch, §17.1.1.3), for the dialog.</summary>
    void OnAck(SipMessage ack, ISipTransport transport, IPEndPoint source);

    /// <summary>
    /// A CANCEL matched <paramref name="invite"/> before it had a final response. The CANCEL is already
    /// answered 200 (§9.2); the TU answers the INVITE, normally with 487.
    /// </summary>
    void OnCancel(SipServerTransactionHandle invite, SipMessage cancel);
}
