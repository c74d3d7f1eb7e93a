namespace Hark.Calls.Persistence;

/// <summary>One notification of a call as the outbox holds it: the message exactly as sent, and how its delivery went.</summary>
/// <param name="Message">The message (its payload is the request body, byte for byte).</param>
/// <param name="Attempts">Delivery attempts made so far.</param>
/// <param name="DeliveredAt">When the receiver answered 2xx; null if not (yet).</param>
/// <param name="AbandonedAt">When delivery was given up; null if not.</param>
/// <param name="LastError">Why the last failed attempt failed; null if none failed.</param>
public sealed record StoredNotification(
    OutboxMessage Message, int Attempts, DateTimeOffset? DeliveredAt, DateTimeOffset? AbandonedAt, string? LastError);
