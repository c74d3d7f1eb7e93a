namespace Hark.Graph.Calls;

/// <summary>Why <see cref="CallHub.Offer(IncomingCallOffer, Hark.Calls.Lifecycle.ICallTransport, out OfferRefusal)"/> did not ring an application.</summary>
public enum OfferRefusal
{
    /// <summary>It rang.</summary>
    None,

    /// <summary>No application takes the number (SIP 404).</summary>
    NotRouted,

    /// <summary>The application has Hark:Calls:MaxConcurrentPerApplication live calls (SIP 486 Busy Here).</summary>
    ApplicationAtCapacity,
}
