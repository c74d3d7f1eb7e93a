using Hark.Calls.Media;

namespace Hark.Calls.Lifecycle;

/// <summary>
/// Where a <see cref="CallActor"/> sends what its call decided, in order, from its single loop: lifecycle
/// decisions (notifications, transport commands, timers), media events (operation completions, tones) and
/// the audio the caller should hear.
/// </summary>
public interface ICallEventSink
{
    /// <summary>A lifecycle decision other than <see cref="EndMediaDecision"/>, which the actor carries out itself.</summary>
    ValueTask OnDecisionAsync(CallDecision decision, CancellationToken cancellationToken);

    /// <summary>Something the media engine decided.</summary>
    ValueTask OnMediaEventAsync(MediaEvent mediaEvent, CancellationToken cancellationToken);

    /// <summary>One outbound frame; the buffer is reused after this returns, so copy what must outlive it.</summary>
    ValueTask OnOutboundFrameAsync(ReadOnlyMemory<short> frame, CancellationToken cancellationToken);
}
