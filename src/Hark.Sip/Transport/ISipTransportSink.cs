using System.Net;
using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>Receives every well-formed message a transport reads (usually a <see cref="SipTransactionManager"/>).</summary>
public interface ISipTransportSink
{
    /// <summary>
    /// Called on the transport's receive loop, one message at a time per socket or connection: it must not block.
    /// Requests arrive with received/rport already set on their top Via (RFC 3261 §18.2.1, RFC 3581 §4).
    /// </summary>
    void OnMessage(ISipTransport transport, SipMessage message, IPEndPoint source);
}
