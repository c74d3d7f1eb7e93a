using Hark.Calls.Lifecycle;
using Hark.Graph.Calls;
using Hark.Telephony;

namespace Hark.Host;

/// <summary>Outgoing Graph calls are placed over SIP.</summary>
internal sealed class SipOutboundDialer(SipEndpoint endpoint, SipMessageLog messages) : IOutboundDialer
{
    public ICallTransport CreateTransport(string target) => endpoint.CreateTransport(target);

    public void Dialled(ICallTransport transport, string callId) => messages.Link(transport, callId);
}
