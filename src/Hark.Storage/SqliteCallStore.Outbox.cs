using Hark.Calls.Persistence;
using Microsoft.Data.Sqlite;

namespace Hark.Storage;

/// <summary>
/// The <see cref="INotificationOutbox"/> side. A call's "head" is its unsettled message (neither delivered nor
/// abandoned) with the lowest sequence; only heads are ever handed out, which is what keeps a call's
/// notifications in order while calls proceed independently of each other.
/// </summary>
public sealed partial class SqliteCallStore
{
    // Heads come from outbox_heads (kept by triggers, schema version 3), walked in sequence order by outbox_heads_order.
    private const string ReadDueSql = """
        SELECT o.sequence, o.id, o.call_id, o.application_id, o.target_uri, o.payload, o.created_at, o.attempts
        FROM outbox_heads h JOIN outbox o ON o.sequence = h.sequence
        WHERE h.next_attempt_at <= $now
        ORDER BY h.sequence
        LIMIT $max;
        """;

    // One call's head: a few rows of that call in the outbox_call_history index, however many calls are waiting.
    private const string CallHeadSql = """
        SELECT sequence, id, call_id, application_id, target_uri, payload, created_at, attempts, next_attempt_at
        FROM outbox
        WHERE call_id = $call_id AND delivered_at IS NULL AND abandoned_at IS NULL
        ORDER BY sequence
        LIMIT 1;
        """;

    private const string NextDueSql = "SELECT MIN(next_attempt_at) FROM outbox_heads;";

    // Each update leaves settled messages alone, so a late or repeated call cannot revive or rewrite one.
    private const string Unsettled = "sequence = $sequence AND delivered_at IS NULL AND abandoned_at IS NULL";

    public Task<IReadOnlyList<PendingNotification>> ReadDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return QueryAsync(ReadDueSql, ReadPending, cancellationToken, ("$now", SqliteTimestamp.ToText(now)), ("$max", max));
    }

    public async Task<PendingNotification?> ReadDueForCallAsync(string callId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callId);
        var heads = await QueryAsync(
            CallHeadSql, reader => (Pending: ReadPending(reader), DueAt: SqliteTimestamp.FromText(reader.GetString(8))),
            cancellationToken, ("$call_id", callId));
        return heads.Count == 1 && heads[0].DueAt <= now ? heads[0].Pending : null;
    }

    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = Command(connection, null, NextDueSql);
        return await command.ExecuteScalarAsync(cancellationToken) is string text ? SqliteTimestamp.FromText(text) : null;
    }

    public Task MarkDeliveredAsync(long sequence, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateOutboxAsync(
            $"UPDATE outbox SET delivered_at = $at WHERE {Unsettled};",
            sequence, cancellationToken, ("$at", SqliteTimestamp.ToText(at)));

    public Task RescheduleAsync(long sequence, int attempts, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return UpdateOutboxAsync(
            $"UPDATE outbox SET attempts = $attempts, next_attempt_at = $next_attempt_at, last_error = $error WHERE {Unsettled};",
            sequence, cancellationToken,
            ("$attempts", attempts), ("$next_attempt_at", SqliteTimestamp.ToText(nextAttemptAt)), ("$error", error));
    }

    /// <summary>Settles the message without delivery; the time recorded is the store's clock (the port passes none).</summary>
    public Task MarkAbandonedAsync(long sequence, int attempts, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return UpdateOutboxAsync(
            $"UPDATE outbox SET attempts = $attempts, abandoned_at = $at, last_error = $error WHERE {Unsettled};",
            sequence, cancellationToken,
            ("$attempts", attempts), ("$at", SqliteTimestamp.ToText(_timeProvider.GetUtcNow())), ("$error", error));
    }

    private Task UpdateOutboxAsync(
        string sql, long sequence, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        WriteAsync(async (connection, transaction) =>
        {
            var command = Prepared(connection, transaction, sql);
            command.Parameters.AddWithValue("$sequence", sequence);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private static PendingNotification ReadPending(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        new OutboxMessage(
            reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            SqliteTimestamp.FromText(reader.GetString(6))),
        reader.GetInt32(7));
}
