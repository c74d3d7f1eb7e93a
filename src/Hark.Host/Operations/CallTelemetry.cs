using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hark.Calls.Persistence;
using Hark.Storage;

namespace Hark.Host.Operations;

/// <summary>
/// Tells each call's story from what the store durably recorded (so nothing is told that did not happen): one log
/// line per event, the <c>Hark.Host</c> meter's instruments and one trace span per call. Fed by <see cref="ObservedCallStore"/>.
/// </summary>
internal sealed class CallTelemetry : IDisposable
{
    public const string MeterName = "Hark.Host";
    public static readonly ActivitySource Activities = new(MeterName, HarkApp.Version);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, LiveCall> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _runningOperations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, PendingNotification> _inFlight = new();

    private readonly Counter<long> _callsStarted;
    private readonly Counter<long> _callsEnded;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _operationsStarted;
    private readonly Counter<long> _operationsCompleted;
    private readonly Counter<double> _recordedSeconds;
    private readonly Counter<long> _webhookAttempts;
    private readonly Histogram<double> _webhookLatency;

    public CallTelemetry(IMeterFactory meters, ILoggerFactory loggers, TimeProvider time, SqliteCallStore store)
    {
        _logger = loggers.CreateLogger("Hark.CallEvents");
        _time = time;
        _meter = meters.Create(MeterName, HarkApp.Version);
        _meter.CreateObservableUpDownCounter("hark.calls.active", () => _calls.Count, "{call}", "Calls started and not yet ended.");
        _callsStarted = _meter.CreateCounter<long>("hark.calls.started", "{call}", "Calls offered (incoming) or dialled (outgoing); tag direction.");
        _callsEnded = _meter.CreateCounter<long>("hark.calls.ended", "{call}", "Calls terminated; tags direction, result_code, result_subcode.");
        _callDuration = _meter.CreateHistogram<double>(
            "hark.calls.duration", "s", "Call lifetime from offer or dial to termination; tag direction.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });
        _operationsStarted = _meter.CreateCounter<long>("hark.operations.started", "{operation}", "Media operations accepted running; tag type.");
        _operationsCompleted = _meter.CreateCounter<long>("hark.operations.completed", "{operation}", "Media operations finished; tags type, status, completion_reason.");
        _recordedSeconds = _meter.CreateCounter<double>("hark.recordings.duration", "s", "Seconds of audio in completed recordings.");
        _webhookAttempts = _meter.CreateCounter<long>("hark.webhooks.attempts", "{attempt}", "Notification POSTs; tag outcome: delivered, retry, abandoned.");
        _webhookLatency = _meter.CreateHistogram<double>(
            "hark.webhooks.latency", "s",
            "From the change being saved to its notification delivered (retries included); tags resource (call, operation), completion_reason (stopToneDetected: the stop-tone-to-notification latency).",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        _meter.CreateObservableGauge("hark.webhooks.outbox_depth", store.CountUnsettledNotifications, "{notification}", "Notifications neither delivered nor abandoned.");
    }

    public void Dispose()
    {
        foreach (var call in _calls.Values)
        {
            call.Activity?.Dispose();
        }

        _meter.Dispose();
    }

    /// <summary>A change was committed.</summary>
    public void Saved(CallStateChange change)
    {
        if (change.Call is { } call)
        {
            OnCall(call);
        }

        foreach (var operation in change.Operations)
        {
            OnOperation(operation, change.Recordings);
        }

        foreach (var recording in change.Recordings)
        {
            _recordedSeconds.Add((double)recording.DurationSamples / recording.SampleRate);
        }
    }

    /// <summary>The delivery loop took these; their outcome comes by sequence.</summary>
    public void Due(IReadOnlyList<PendingNotification> due)
    {
        foreach (var pending in due)
        {
            _inFlight[pending.Sequence] = pending;
        }
    }

    /// <summary>A notification was delivered; returns its call's id when known.</summary>
    public string? Delivered(long sequence, DateTimeOffset at)
    {
        _webhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", "delivered"));
        if (!_inFlight.TryRemove(sequence, out var pending))
        {
            return null;
        }

        var message = pending.Message;
        var what = NotificationSummary.Read(message.Payload);
        var latency = at - message.CreatedAt;
        _webhookLatency.Record(
            latency.TotalSeconds,
            new KeyValuePair<string, object?>("resource", what.Resource),
            new KeyValuePair<string, object?>("completion_reason", what.CompletionReason ?? ""));
        OperationsLog.NotificationDelivered(_logger, message.CallId, message.Id, what.Description, Hark.Graph.Outbound.UriDisplay.Shorten(message.TargetUri), latency.TotalMilliseconds, pending.Attempts + 1);
        return message.CallId;
    }

    /// <summary>A delivery attempt failed; returns its call's id when known.</summary>
    public string? Failed(long sequence, bool final)
    {
        _webhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", final ? "abandoned" : "retry"));
        return _inFlight.TryRemove(sequence, out var pending) ? pending.Message.CallId : null;
    }

    private void OnCall(StoredCall call)
    {
        var resource = CallSummary.Read(call.ResourceJson);
        var direction = new KeyValuePair<string, object?>("direction", resource.Direction);
        var live = _calls.GetOrAdd(call.Id, static (id, state) => state.This.Begin(id, state.Call, state.Resource), (This: this, Call: call, Resource: resource));
        if (call.State == "Established" && !live.Established)
        {
            live.Established = true;
            live.Activity?.AddEvent(new ActivityEvent("established"));
            if (resource.Direction == "incoming")
            {
                OperationsLog.Answered(_logger, call.Id);
            }
            else
            {
                OperationsLog.Connected(_logger, call.Id);
            }
        }

        if (call.State != "Terminated" || !_calls.TryRemove(call.Id, out _))
        {
            return;
        }

        var seconds = ((call.EndedAt ?? _time.GetUtcNow()) - call.CreatedAt).TotalSeconds;
        _callsEnded.Add(1, direction, new("result_code", resource.Code), new("result_subcode", resource.Subcode));
        _callDuration.Record(seconds, direction);
        OperationsLog.Ended(_logger, call.Id, resource.Code, resource.Subcode, resource.Message, seconds);
        if (live.Activity is { } activity)
        {
            activity.SetTag("hark.result_code", resource.Code);
            activity.SetTag("hark.result_subcode", resource.Subcode);
            activity.Stop();
        }
    }

    private LiveCall Begin(string callId, StoredCall call, CallSummary resource)
    {
        _callsStarted.Add(1, new KeyValuePair<string, object?>("direction", resource.Direction));
        if (resource.Direction == "outgoing" && call.State != "Terminated")
        {
            OperationsLog.Dialing(_logger, callId, resource.RemoteNumber ?? "?", call.ApplicationId);
        }

        // The call's span is no request's child and nobody's ambient parent: it lives as long as the call.
        var previous = Activity.Current;
        Activity.Current = null;
        var activity = Activities.StartActivity("call " + resource.Direction, ActivityKind.Internal);
        Activity.Current = previous;
        activity?.SetTag("hark.call_id", callId);
        activity?.SetTag("hark.application_id", call.ApplicationId);
        activity?.SetTag("hark.direction", resource.Direction);
        return new LiveCall(activity);
    }

    private void OnOperation(StoredOperation operation, IReadOnlyList<StoredRecording> recordings)
    {
        var key = operation.CallId + "/" + operation.Id;
        var summary = OperationSummary.Read(operation.ResourceJson);
        var type = new KeyValuePair<string, object?>("type", summary.Type);
        if (operation.Status is "running" or "notStarted")
        {
            if (_runningOperations.TryAdd(key, 0))
            {
                _operationsStarted.Add(1, type);
                OperationsLog.OperationStarted(_logger, operation.CallId, summary.Type, operation.Id);
            }

            return;
        }

        _runningOperations.TryRemove(key, out _);
        _operationsCompleted.Add(1, type, new("status", operation.Status), new("completion_reason", summary.CompletionReason ?? ""));
        var recording = recordings.FirstOrDefault(r => r.OperationId == operation.Id) is { } r
            ? $"; recording {r.Id}, {(double)r.DurationSamples / r.SampleRate:0.0} s"
            : "";
        OperationsLog.OperationFinished(
            _logger, operation.CallId, summary.Type, operation.Id, operation.Status, summary.CompletionReason ?? "-", summary.Code, summary.Subcode, recording);
        if (_calls.TryGetValue(operation.CallId, out var live))
        {
            live.Activity?.AddEvent(new ActivityEvent($"{summary.Type} {operation.Status} {summary.CompletionReason}"));
        }
    }

    // Callback URLs may carry a key in their query (serverless function keys): never logged.
    private sealed class LiveCall(Activity? activity)
    {
        public Activity? Activity { get; } = activity;

        public bool Established { get; set; }
    }
}
