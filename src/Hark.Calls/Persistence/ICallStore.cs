namespace Hark.Calls.Persistence;

/// <summary>Durable call state: calls, operations, recordings' metadata and the notification outbox.</summary>
public interface ICallStore
{
    /// <summary>Writes a state change and its notifications atomically: all of it or none.</summary>
    Task SaveAsync(CallStateChange change, CancellationToken cancellationToken);

    Task<StoredCall?> GetCallAsync(string callId, CancellationToken cancellationToken);

    Task<StoredOperation?> GetOperationAsync(string callId, string operationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(string callId, CancellationToken cancellationToken);

    /// <summary>Every notification written for the call, delivered or not, in the order written (and delivered).</summary>
    Task<IReadOnlyList<StoredNotification>> GetNotificationsAsync(string callId, CancellationToken cancellationToken);

    /// <summary>Calls not yet terminated (left over from a previous run, at start-up).</summary>
    Task<IReadOnlyList<StoredCall>> GetUnfinishedCallsAsync(CancellationToken cancellationToken);

    Task<StoredRecording?> GetRecordingAsync(string recordingId, CancellationToken cancellationToken);

    /// <summary>Recordings of calls that ended before <paramref name="endedBefore"/>: due for deletion.</summary>
    Task<IReadOnlyList<StoredRecording>> GetExpiredRecordingsAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken);

    Task DeleteRecordingAsync(string recordingId, CancellationToken cancellationToken);
}
