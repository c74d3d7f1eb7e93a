using Hark.Calls.Persistence;
using Hark.Host.Admin;
using Hark.Storage;

namespace Hark.Host.Operations;

/// <summary>
/// The store as the calls and the delivery loop see it: every committed change and delivery outcome also goes to
/// <see cref="CallTelemetry"/>, the one seam every call event passes, so logs and metrics need no hooks in the layers.
/// </summary>
internal sealed class ObservedCallStore(SqliteCallStore inner, CallTelemetry telemetry, CallChangeFeed feed) : ICallStore, INotificationOutbox
{
    public async Task SaveAsync(CallStateChange change, CancellationToken cancellationToken)
    {
        await inner.SaveAsync(change, cancellationToken);
        telemetry.Saved(change);
        if ((change.Call?.Id ?? (change.Operations.Count > 0 ? change.Operations[0].CallId : null) ?? (change.Recordings.Count > 0 ? change.Recordings[0].CallId : null)) is { } callId)
        {
            feed.Publish(callId);
        }
    }

    public Task<StoredCall?> GetCallAsync(string callId, CancellationToken cancellationToken) => inner.GetCallAsync(callId, cancellationToken);

    public Task<StoredOperation?> GetOperationAsync(string callId, string operationId, CancellationToken cancellationToken) =>
        inner.GetOperationAsync(callId, operationId, cancellationToken);

    public Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(string callId, CancellationToken cancellationToken) =>
        inner.GetOperationsAsync(callId, cancellationToken);

    public Task<IReadOnlyList<StoredNotification>> GetNotificationsAsync(string callId, CancellationToken cancellationToken) =>
        inner.GetNotificationsAsync(callId, cancellationToken);

    public Task<IReadOnlyList<StoredCall>> GetUnfinishedCallsAsync(CancellationToken cancellationToken) => inner.GetUnfinishedCallsAsync(cancellationToken);

    public Task<StoredRecording?> GetRecordingAsync(string recordingId, CancellationToken cancellationToken) =>
        inner.GetRecordingAsync(recordingId, cancellationToken);

    public Task<IReadOnlyList<StoredRecording>> GetExpiredRecordingsAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken) =>
        inner.GetExpiredRecordingsAsync(endedBefore, cancellationToken);

    public Task DeleteRecordingAsync(string recordingId, CancellationToken cancellationToken) => inner.DeleteRecordingAsync(recordingId, cancellationToken);

    public async Task<IReadOnlyList<PendingNotification>> ReadDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var due = await inner.ReadDueAsync(now, max, cancellationToken);
        telemetry.Due(due);
        return due;
    }

    public async Task<PendingNotification?> ReadDueForCallAsync(string callId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await inner.ReadDueForCallAsync(callId, now, cancellationToken);
        if (due is not null)
        {
            telemetry.Due([due]);
        }

        return due;
    }

    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken) => inner.NextDueAtAsync(cancellationToken);

    public async Task MarkDeliveredAsync(long sequence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await inner.MarkDeliveredAsync(sequence, at, cancellationToken);
        Publish(telemetry.Delivered(sequence, at));
    }

    public async Task RescheduleAsync(long sequence, int attempts, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken)
    {
        await inner.RescheduleAsync(sequence, attempts, nextAttemptAt, error, cancellationToken);
        Publish(telemetry.Failed(sequence, final: false));
    }

    public async Task MarkAbandonedAsync(long sequence, int attempts, string error, CancellationToken cancellationToken)
    {
        await inner.MarkAbandonedAsync(sequence, attempts, error, cancellationToken);
        Publish(telemetry.Failed(sequence, final: true));
    }

    private void Publish(string? callId)
    {
        if (callId is not null)
        {
            feed.Publish(callId);
        }
    }
}
