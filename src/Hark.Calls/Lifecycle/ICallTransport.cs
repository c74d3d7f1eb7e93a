using Hark.Media.Dtmf;

namespace Hark.Calls.Lifecycle;

/// <summary>
/// The signalling and media edge of one call: SIP/RTP, or the virtual caller. It carries out the
/// lifecycle's <see cref="TransportDecision"/>s and reports back into the call's <see cref="CallActor"/>
/// (media connected, hang-up). Its media thread runs each caller frame and key press through
/// <see cref="CallActor.ProcessFrame"/> and <see cref="CallActor.ProcessKey"/> and sends the frame it gets back.
/// </summary>
/// <remarks>
/// Both methods are called from the call's loop, so they must not wait on the actor: a transport that
/// learns something in response (e.g. BYE answered) posts it to the actor and returns.
/// </remarks>
public interface ICallTransport
{
    /// <summary>Binds the transport to its call before the call's first decision is carried out.</summary>
    void Attach(CallActor actor);

    /// <summary>Carries out <paramref name="decision"/> without blocking.</summary>
    void Execute(TransportDecision decision);

    /// <summary>
    /// True when the far end takes the bot's keys as RFC 4733 events (telephone-event was negotiated); the media
    /// engine then hands each key to <see cref="SendDtmfEvent"/> instead of playing it in-band. A transport without
    /// events (the virtual caller, or SIP without telephone-event) keeps this default and gets in-band tones.
    /// </summary>
    bool CanSendDtmfEvents => false;

    /// <summary>
    /// True when the media edge itself starts each key's RFC 4733 events, on the media thread in the frame where the
    /// key starts (<see cref="CallMediaProcessor.OutboundKeyStarted"/>), so the keys keep their spacing in media time
    /// however late the loop runs; the loop then does not call <see cref="SendDtmfEvent"/>.
    /// </summary>
    bool SendsDtmfEventsWithFrames => false;

    /// <summary>Sends <paramref name="key"/> as RFC 4733 events held for <paramref name="duration"/>, starting now; called from the loop.</summary>
    void SendDtmfEvent(DtmfKey key, TimeSpan duration) =>
        throw new NotSupportedException("This transport sends DTMF in-band only (CanSendDtmfEvents is false).");
}
