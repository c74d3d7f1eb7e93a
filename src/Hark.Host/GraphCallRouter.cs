using Hark.Calls.Lifecycle;
using Hark.Graph.Calls;
using Hark.Graph.Notifications;
using Hark.Telephony;

namespace Hark.Host;

/// <summary>Hands SIP calls to the Graph layer: the application that takes the dialled number rings.</summary>
internal sealed class GraphCallRouter(CallHub hub, HarkBaseUrl baseUrl, SipMessageLog messages) : IIncomingCallRouter
{
    public IncomingCallRouting Offer(string from, string to, ICallTransport call)
    {
        if (hub.Offer(new IncomingCallOffer(from, to, baseUrl.Current), call, out var refusal) is { } offered)
        {
            messages.Link(call, offered.Info.Id);
            return IncomingCallRouting.Offered;
        }

        return refusal == OfferRefusal.ApplicationAtCapacity ? IncomingCallRouting.Busy : IncomingCallRouting.NotRouted;
    }
}
