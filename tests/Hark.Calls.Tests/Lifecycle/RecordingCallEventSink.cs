using Hark.Calls.Lifecycle;
using Hark.Calls.Media;

namespace Hark.Calls.Tests.Lifecycle;

/// <summary>Keeps every decision and media event in arrival order.</summary>
internal sealed class RecordingCallEventSink : ICallEventSink
{
    private readonly Lock _gate = new();
    private readonly List<object> _log = [];

    /// <summary>A copy of what arrived so far.</summary>
    public List<object> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    public ValueTask OnDecisionAsync(CallDecision decision, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _log.Add(decision);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnMediaEventAsync(MediaEvent mediaEvent, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _log.Add(mediaEvent);
        }

        return ValueTask.CompletedTask;
    }
}
