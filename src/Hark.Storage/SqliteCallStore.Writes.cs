using Hark.Calls.Persistence;
using Microsoft.Data.Sqlite;

namespace Hark.Storage;

/// <summary>The statements <see cref="SqliteCallStore.SaveAsync"/> runs; each is prepared once on the writer's connection and bound per row.</summary>
public sealed partial class SqliteCallStore
{
    // An upsert, not INSERT OR REPLACE: REPLACE deletes the row first, which would change its rowid (the
    // operations' creation order).
    private const string UpsertCallSql = """
        INSERT INTO calls (id, application_id, state, resource_json, created_at, ended_at)
        VALUES ($id, $application_id, $state, $resource_json, $created_at, $ended_at)
        ON CONFLICT (id) DO UPDATE SET
            application_id = excluded.application_id, state = excluded.state, resource_json = excluded.resource_json,
            created_at = excluded.created_at, ended_at = excluded.ended_at;
        """;

    private const string UpsertOperationSql = """
        INSERT INTO operations (call_id, id, status, resource_json, updated_at)
        VALUES ($call_id, $id, $status, $resource_json, $updated_at)
        ON CONFLICT (call_id, id) DO UPDATE SET
            status = excluded.status, resource_json = excluded.resource_json, updated_at = excluded.updated_at;
        """;

    private const string InsertRecordingSql = """
        INSERT INTO recordings (id, call_id, operation_id, sample_rate, duration_samples, created_at)
        VALUES ($id, $call_id, $operation_id, $sample_rate, $duration_samples, $created_at);
        """;

    // A new message is due at once: the delivery loop decides when a retry is due.
    private const string InsertOutboxSql = """
        INSERT INTO outbox (id, call_id, application_id, target_uri, payload, created_at, attempts, next_attempt_at)
        VALUES ($id, $call_id, $application_id, $target_uri, $payload, $created_at, 0, $created_at);
        """;

    private Task UpsertCallAsync(
        SqliteConnection connection, SqliteTransaction transaction, StoredCall call, CancellationToken cancellationToken) =>
        ExecuteForEachAsync(
            connection, transaction, UpsertCallSql, [call],
            c => [("$id", c.Id), ("$application_id", c.ApplicationId), ("$state", c.State), ("$resource_json", c.ResourceJson),
                ("$created_at", SqliteTimestamp.ToText(c.CreatedAt)), ("$ended_at", DbText(c.EndedAt))],
            cancellationToken);

    private Task UpsertOperationsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<StoredOperation> operations,
        CancellationToken cancellationToken) =>
        ExecuteForEachAsync(
            connection, transaction, UpsertOperationSql, operations,
            o => [("$call_id", o.CallId), ("$id", o.Id), ("$status", o.Status), ("$resource_json", o.ResourceJson),
                ("$updated_at", SqliteTimestamp.ToText(o.UpdatedAt))],
            cancellationToken);

    private Task InsertRecordingsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<StoredRecording> recordings,
        CancellationToken cancellationToken) =>
        ExecuteForEachAsync(
            connection, transaction, InsertRecordingSql, recordings,
            r => [("$id", r.Id), ("$call_id", r.CallId), ("$operation_id", r.OperationId), ("$sample_rate", r.SampleRate),
                ("$duration_samples", r.DurationSamples), ("$created_at", SqliteTimestamp.ToText(r.CreatedAt))],
            cancellationToken);

    private Task InsertNotificationsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<OutboxMessage> messages,
        CancellationToken cancellationToken) =>
        ExecuteForEachAsync(
            connection, transaction, InsertOutboxSql, messages,
            m => [("$id", m.Id), ("$call_id", m.CallId), ("$application_id", m.ApplicationId), ("$target_uri", m.TargetUri),
                ("$payload", m.Payload), ("$created_at", SqliteTimestamp.ToText(m.CreatedAt))],
            cancellationToken);

    // One prepared statement per batch, rebound for each row.
    private async Task ExecuteForEachAsync<T>(
        SqliteConnection connection, SqliteTransaction transaction, string sql, IReadOnlyList<T> rows,
        Func<T, (string Name, object Value)[]> bind, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var command = Prepared(connection, transaction, sql);
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            foreach (var (name, value) in bind(row))
            {
                command.Parameters.AddWithValue(name, value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
