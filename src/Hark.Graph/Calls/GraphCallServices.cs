using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Validation;
using Microsoft.Extensions.Logging;

namespace Hark.Graph.Calls;

/// <summary>The shared services every <see cref="GraphCall"/> uses, gathered so a call is built from one object.</summary>
public sealed record GraphCallServices(
    ICallStore Store,
    IOutboxSignal OutboxSignal,
    IRecordingStore Recordings,
    RecordingAccessTokens RecordingTokens,
    IPromptLoader Prompts,
    TimeProvider Time,
    ILoggerFactory LoggerFactory,
    CallMediaOptions MediaOptions,
    CallLifecycleOptions LifecycleOptions,
    GraphLimitsOptions Limits)
{
    /// <summary>Every call's media runs at 8 kHz, the G.711 rate RTP carries; the virtual caller uses the same seam.</summary>
    public const int SeamSampleRate = 8000;
}
