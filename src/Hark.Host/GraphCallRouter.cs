using Hark.Calls.Lifecycle;
using Hark.Graph.Calls;
using Hark.Graph.Notifications;
using Hark.Telephony;

namespace Hark.Host;

/// <summary>Hands SIP calls to the Graph layer: the application that takes the dialled number rings.</summary>
internal sealed class GraphCallRouter(CallHub hub, HarkBaseUrl baseUrl) : IIncomingCallRouter
{
    public IncomingCallRouting Offer(string from, string to, ICallTransport call) =>
        hub.Offer(new IncomingCallOffer(from, to, baseUrl.Current), call, out var refusal) is not null
            ? IncomingCallRouting.Offered
            : refusal == OfferRefusal.ApplicationAtCapacity ? IncomingCallRouting.Busy : IncomingCallRouting.NotRouted;
}
