namespace Hark.Calls.Persistence;

/// <summary>The delivery side of the outbox that <see cref="ICallStore.SaveAsync"/> fills.</summary>
public interface INotificationOutbox
{
    /// <summary>
    /// Up to <paramref name="max"/> messages due at <paramref name="now"/>, at most one per call: the oldest
    /// one the call has not settled, and only if it is due. Later messages of that call wait behind it.
    /// </summary>
    Task<IReadOnlyList<PendingNotification>> ReadDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The call's oldest unsettled message if it is due at <paramref name="now"/>; null when the call has none
    /// waiting or it is not yet due. Lets delivery go straight on to a call's next message without a read of every call.
    /// </summary>
    Task<PendingNotification?> ReadDueForCallAsync(string callId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>When the earliest unsettled message becomes due; null when nothing is waiting.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken);

    /// <summary>Delivered: the call's next message may go.</summary>
    Task MarkDeliveredAsync(long sequence, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Failed: try again at <paramref name="nextAttemptAt"/>; the call's later messages keep waiting.</summary>
    Task RescheduleAsync(long sequence, int attempts, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken);

    /// <summary>Given up after too many attempts: settled without delivery, so the call's next message may go.</summary>
    Task MarkAbandonedAsync(long sequence, int attempts, string error, CancellationToken cancellationToken);
}
