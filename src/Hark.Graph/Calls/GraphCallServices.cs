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
    /// <summary>The <c>Hark:Calls</c> settings a live call reads (tone notification rate).</summary>
    public CallOptions Calls { get; init; } = new();

    /// <summary>A new record is refused while the recordings' disk has less free than this (0: never).</summary>
    public long MinFreeRecordingBytes { get; init; }

    /// <summary>Every call's media runs at 8 kHz, the G.711 rate RTP carries; the virtual caller uses the same seam.</summary>
    public const int SeamSampleRate = 8000;
}
