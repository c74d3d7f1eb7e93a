namespace Hark.Calls.Persistence;

/// <summary>An undelivered <see cref="OutboxMessage"/> that is due now, with its delivery history.</summary>
/// <param name="Sequence">Storage order; the handle for marking it delivered or rescheduling it.</param>
/// <param name="Message">The message.</param>
/// <param name="Attempts">Attempts made so far.</param>
public sealed record PendingNotification(long Sequence, OutboxMessage Message, int Attempts);
