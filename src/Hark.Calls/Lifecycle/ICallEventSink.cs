using Hark.Calls.Media;

namespace Hark.Calls.Lifecycle;

/// <summary>
/// Where a <see cref="CallActor"/> sends what its call decided, in order, from its single loop: lifecycle
/// decisions (notifications, transport commands, timers) and media events (operation completions, tones). The
/// audio itself never comes here: the media edge gets Hark's frame back from <see cref="CallActor.ProcessFrame"/>.
/// </summary>
public interface ICallEventSink
{
    /// <summary>A lifecycle decision other than <see cref="EndMediaDecision"/>, which the actor carries out itself.</summary>
    ValueTask OnDecisionAsync(CallDecision decision, CancellationToken cancellationToken);

    /// <summary>Something the media engine decided.</summary>
    ValueTask OnMediaEventAsync(MediaEvent mediaEvent, CancellationToken cancellationToken);
}
