namespace Hark.Storage;

/// <summary>A notification in the outbox with its delivery state, as the operator API lists it.</summary>
public sealed record OutboxEntry(
    long Sequence,
    string Id,
    string CallId,
    string ApplicationId,
    string TargetUri,
    string Payload,
    DateTimeOffset CreatedAt,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? AbandonedAt,
    string? LastError);
