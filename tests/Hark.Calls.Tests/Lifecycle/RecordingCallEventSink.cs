using Hark.Calls.Lifecycle;
using Hark.Calls.Media;

namespace Hark.Calls.Tests.Lifecycle;

/// <summary>Keeps every decision and media event in arrival order, and counts outbound frames.</summary>
internal sealed class RecordingCallEventSink : ICallEventSink
{
    public List<object> Log { get; } = [];

    public int OutboundFrames { get; private set; }

    public ValueTask OnDecisionAsync(CallDecision decision, CancellationToken cancellationToken)
    {
        Log.Add(decision);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnMediaEventAsync(MediaEvent mediaEvent, CancellationToken cancellationToken)
    {
        Log.Add(mediaEvent);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnOutboundFrameAsync(ReadOnlyMemory<short> frame, CancellationToken cancellationToken)
    {
        OutboundFrames++;
        return ValueTask.CompletedTask;
    }
}
