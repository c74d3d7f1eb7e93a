using System.Text.Json;
using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Calls.Persistence;
using Hark.Graph.Contracts;
using CallState = Hark.Calls.Lifecycle.CallState;

namespace Hark.Graph.Calls;

public sealed partial class GraphCall
{
    // One gate for every save that carries notifications, so their sequence numbers are given in the order
    // the store writes (and delivers) them. Loop and request threads both take it; neither waits on the other inside.
    private readonly SemaphoreSlim _notificationWrites = new(1, 1);
    private long _sequenceNumber;

    // Each state change is saved with the notification that reports it, in one transaction: what the bot
    // hears about has happened, and what happened is not lost to a crash before the bot hears of it.
    private async ValueTask SaveCallChangeAsync(CallNotification notification, CancellationToken cancellationToken)
    {
        var now = _services.Time.GetUtcNow();
        var resource = GraphResources.Call(Info, notification.State, notification.Result, notification.AudioActive);
        var ended = notification.State == CallState.Terminated;
        var change = new CallStateChange
        {
            Call = new StoredCall(
                Info.Id, Info.ApplicationId, notification.State.ToString(),
                JsonSerializer.Serialize(resource, GraphJsonContext.Default.Call), Info.CreatedAt, ended ? now : null),
        };

        // Both legs are in the call once media flows: the roster follows the established notification, as Graph's does.
        var joined = notification.State == CallState.Established && notification.AudioActive;
        await SaveNotifiedAsync(
            change,
            () => joined
                ? [.. Notify(ToChangeType(notification.ChangeType), Info.ResourcePath, resource, now), .. Notify(ChangeType.Updated, RosterUrl, Participants().ToArray(), now)]
                : Notify(ToChangeType(notification.ChangeType), Info.ResourcePath, resource, now),
            cancellationToken).ConfigureAwait(false);
    }

    // Loop-only: the tone notification budget (a token bucket of Hark:Calls:ToneNotificationsPerSecond, burst as many).
    private double _toneBudget = double.NaN;
    private long _toneBudgetAt;
    private int _tonesDropped;

    /// <summary>Key presses not notified because they came faster than <see cref="CallOptions.ToneNotificationsPerSecond"/>.</summary>
    public int TonesDropped => Volatile.Read(ref _tonesDropped);

    private async ValueTask SaveToneAsync(ToneReceivedEvent tone, CancellationToken cancellationToken)
    {
        if (!TakeToneBudget())
        {
            // Dropped, not queued: a flood of DTMF must cost neither the loop nor the outbox a write per tone.
            if (Interlocked.Increment(ref _tonesDropped) == 1)
            {
                CallsLog.TonesDropped(_logger, Info.Id, _services.Calls.ToneNotificationsPerSecond);
            }

            GraphMetrics.TonesDropped.Add(1);
            return;
        }

        var now = _services.Time.GetUtcNow();
        var toneInfo = new ToneInfo { SequenceId = tone.SequenceId, Tone = (Tone)(int)tone.Key };
        var resource = GraphResources.Call(Info, State, audioActive: true, tone: toneInfo);
        await SaveNotifiedAsync(new CallStateChange(), () => Notify(ChangeType.Updated, Info.ResourcePath, resource, now), cancellationToken)
            .ConfigureAwait(false);
    }

    private bool TakeToneBudget()
    {
        var rate = _services.Calls.ToneNotificationsPerSecond;
        var at = _services.Time.GetTimestamp();
        _toneBudget = double.IsNaN(_toneBudget)
            ? rate
            : Math.Min(rate, _toneBudget + (_services.Time.GetElapsedTime(_toneBudgetAt, at).TotalSeconds * rate));
        _toneBudgetAt = at;
        if (_toneBudget < 1)
        {
            return false;
        }

        _toneBudget -= 1;
        return true;
    }

    /// <summary>Saves <paramref name="change"/> with the notifications <paramref name="notify"/> builds, numbered under the gate.</summary>
    private async ValueTask SaveNotifiedAsync(CallStateChange change, Func<List<OutboxMessage>> notify, CancellationToken cancellationToken)
    {
        await _notificationWrites.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var first = _sequenceNumber;
            try
            {
                await _services.Store.SaveAsync(change with { Notifications = notify() }, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Nothing was written: the numbers given are free again, so the log has no gaps.
                _sequenceNumber = first;
                throw;
            }
        }
        finally
        {
            _notificationWrites.Release();
        }

        _services.OutboxSignal.Notify();
    }

    private async ValueTask SaveOperationFinishedAsync(OperationCompletedEvent done, CancellationToken cancellationToken)
    {
        if (!_operations.TryRemove(done.OperationId, out var op))
        {
            return;
        }

        var now = _services.Time.GetUtcNow();
        string? location = null;
        string? token = null;
        var recordings = new List<StoredRecording>(1);
        if (done.Recording is { } recording && _recordingIds.TryRemove(done.OperationId, out var recordingId))
        {
            location = $"{Info.BaseUrl.TrimEnd('/')}/hark/v1/recordings/{recordingId}";
            token = _services.RecordingTokens.Issue(recordingId).Value;
            recordings.Add(new StoredRecording(recordingId, Info.Id, op.Id, recording.SampleRate, recording.DurationSamples, now));
        }

        var resource = GraphResources.Finished(Info, op, done, location, token);
        var resourceUrl = $"{Info.ResourcePath}/operations/{op.Id}";
        var change = new CallStateChange { Operations = [ToStored(op, resource, now)], Recordings = recordings };

        await _operationWrites.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _finishedOperations.Add(op.Id);
            await SaveNotifiedAsync(change, () => Notify(ChangeType.Deleted, resourceUrl, resource, now), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _operationWrites.Release();
        }
    }

    private StoredOperation ToStored(OperationInfo op, CommsOperation resource, DateTimeOffset now) => new(
        Info.Id, op.Id, JsonNamingPolicy.CamelCase.ConvertName(resource.Status.ToString()),
        JsonSerializer.Serialize(resource, resource.GetType(), GraphJsonContext.Default), now);

    // Only inside SaveNotifiedAsync's gate: it numbers the notification.
    private List<OutboxMessage> Notify(ChangeType changeType, string resourceUrl, object resource, DateTimeOffset now)
    {
        if (Info.CallbackUri is not { } target)
        {
            CallsLog.NoCallbackUri(_logger, Info.Id, Info.ApplicationId);
            return [];
        }

        var envelope = new CommsNotifications
        {
            Value =
            [
                new CommsNotification
                {
                    ChangeType = changeType, ResourceUrl = resourceUrl, CallbackUri = target, ResourceData = resource, SequenceNumber = ++_sequenceNumber,
                },
            ],
        };
        var payload = JsonSerializer.Serialize(envelope, GraphJsonContext.Default.CommsNotifications);
        return [new OutboxMessage(Guid.NewGuid().ToString(), Info.Id, Info.ApplicationId, target, payload, now)];
    }

    private static ChangeType ToChangeType(CallChangeType changeType) => changeType switch
    {
        CallChangeType.Created => ChangeType.Created,
        CallChangeType.Updated => ChangeType.Updated,
        _ => ChangeType.Deleted,
    };
}
