using Hark.Calls.Persistence;
using Microsoft.Data.Sqlite;

namespace Hark.Storage;

/// <summary>What operators and health checks ask of the store (the operator API, /readyz, the outbox gauge).</summary>
public sealed partial class SqliteCallStore
{
    private const string OutboxColumns =
        "sequence, id, call_id, application_id, target_uri, payload, created_at, attempts, next_attempt_at, delivered_at, abandoned_at, last_error";

    /// <summary>
    /// Proves the database takes writes now: a fresh connection (a pooled one keeps a descriptor opened before
    /// the file became read-only) rewrites the schema version with its own value in one transaction.
    /// </summary>
    public async Task ProbeWriteAsync(CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false, Mode = SqliteOpenMode.ReadWrite };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 1000; PRAGMA user_version;";
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = $"BEGIN IMMEDIATE; PRAGMA user_version = {version}; COMMIT;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Notifications neither delivered nor abandoned.</summary>
    public long CountUnsettledNotifications()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = Command(connection, null, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL;");
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Newest calls first, optionally only those in <paramref name="state"/> or of <paramref name="applicationId"/>.</summary>
    public Task<IReadOnlyList<StoredCall>> ListCallsAsync(string? state, string? applicationId, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            $"""
            SELECT {CallColumns} FROM calls
            WHERE ($state IS NULL OR state = $state COLLATE NOCASE) AND ($application IS NULL OR application_id = $application)
            ORDER BY created_at DESC, id LIMIT $limit;
            """,
            ReadCall, cancellationToken, ("$state", (object?)state ?? DBNull.Value), ("$application", (object?)applicationId ?? DBNull.Value), ("$limit", limit));

    /// <summary>Newest recordings first, optionally of one call.</summary>
    public Task<IReadOnlyList<StoredRecording>> ListRecordingsAsync(string? callId, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {RecordingColumns} FROM recordings WHERE ($call IS NULL OR call_id = $call) ORDER BY created_at DESC, id LIMIT $limit;",
            ReadRecording, cancellationToken, ("$call", (object?)callId ?? DBNull.Value), ("$limit", limit));

    /// <summary>
    /// Outbox rows, newest first. <paramref name="status"/>: <c>pending</c> (not yet settled), <c>failed</c> (abandoned),
    /// <c>delivered</c>, or null for all.
    /// </summary>
    public Task<IReadOnlyList<OutboxEntry>> ListOutboxAsync(string? callId, string? status, int limit, CancellationToken cancellationToken)
    {
        var filter = status switch
        {
            "pending" => "delivered_at IS NULL AND abandoned_at IS NULL",
            "failed" => "abandoned_at IS NOT NULL",
            "delivered" => "delivered_at IS NOT NULL",
            null => "1 = 1",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "pending, failed or delivered"),
        };
        return QueryAsync(
            $"SELECT {OutboxColumns} FROM outbox WHERE {filter} AND ($call IS NULL OR call_id = $call) ORDER BY sequence DESC LIMIT $limit;",
            ReadOutboxEntry, cancellationToken, ("$call", (object?)callId ?? DBNull.Value), ("$limit", limit));
    }

    /// <summary>
    /// Makes an undelivered notification due now (an abandoned one is revived); false when there is no such
    /// undelivered notification. A revived message goes out after its call's later ones if those already went.
    /// </summary>
    public async Task<bool> RetryNowAsync(string notificationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notificationId);
        var changed = 0;
        await WriteAsync(async (connection, transaction) =>
        {
            using var command = Command(
                connection, transaction, "UPDATE outbox SET next_attempt_at = $now, abandoned_at = NULL WHERE id = $id AND delivered_at IS NULL;");
            command.Parameters.AddWithValue("$now", SqliteTimestamp.ToText(now));
            command.Parameters.AddWithValue("$id", notificationId);
            changed = await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
        return changed > 0;
    }

    private static OutboxEntry ReadOutboxEntry(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        SqliteTimestamp.FromText(reader.GetString(6)), reader.GetInt32(7), SqliteTimestamp.FromText(reader.GetString(8)),
        reader.IsDBNull(9) ? null : SqliteTimestamp.FromText(reader.GetString(9)),
        reader.IsDBNull(10) ? null : SqliteTimestamp.FromText(reader.GetString(10)),
        reader.IsDBNull(11) ? null : reader.GetString(11));
}
