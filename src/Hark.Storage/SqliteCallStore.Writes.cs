using Hark.Calls.Persistence;
using Microsoft.Data.Sqlite;

namespace Hark.Storage;

/// <summary>The statements <see cref="SqliteCallStore.SaveAsync"/> runs; each prepares once and binds per row.</summary>
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

    private static async Task UpsertCallAsync(
        SqliteConnection connection, SqliteTransaction transaction, StoredCall call, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, UpsertCallSql);
        command.Parameters.AddWithValue("$id", call.Id);
        command.Parameters.AddWithValue("$application_id", call.ApplicationId);
        command.Parameters.AddWithValue("$state", call.State);
        command.Parameters.AddWithValue("$resource_json", call.ResourceJson);
        command.Parameters.AddWithValue("$created_at", SqliteTimestamp.ToText(call.CreatedAt));
        command.Parameters.AddWithValue("$ended_at", DbText(call.EndedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UpsertOperationsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<StoredOperation> operations,
        CancellationToken cancellationToken)
    {
        if (operations.Count == 0)
        {
            return;
        }

        using var command = Command(connection, transaction, UpsertOperationSql);
        var callId = command.Parameters.Add("$call_id", SqliteType.Text);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var status = command.Parameters.Add("$status", SqliteType.Text);
        var resourceJson = command.Parameters.Add("$resource_json", SqliteType.Text);
        var updatedAt = command.Parameters.Add("$updated_at", SqliteType.Text);
        foreach (var operation in operations)
        {
            callId.Value = operation.CallId;
            id.Value = operation.Id;
            status.Value = operation.Status;
            resourceJson.Value = operation.ResourceJson;
            updatedAt.Value = SqliteTimestamp.ToText(operation.UpdatedAt);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task InsertRecordingsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<StoredRecording> recordings,
        CancellationToken cancellationToken)
    {
        if (recordings.Count == 0)
        {
            return;
        }

        using var command = Command(connection, transaction, InsertRecordingSql);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var callId = command.Parameters.Add("$call_id", SqliteType.Text);
        var operationId = command.Parameters.Add("$operation_id", SqliteType.Text);
        var sampleRate = command.Parameters.Add("$sample_rate", SqliteType.Integer);
        var durationSamples = command.Parameters.Add("$duration_samples", SqliteType.Integer);
        var createdAt = command.Parameters.Add("$created_at", SqliteType.Text);
        foreach (var recording in recordings)
        {
            id.Value = recording.Id;
            callId.Value = recording.CallId;
            operationId.Value = recording.OperationId;
            sampleRate.Value = recording.SampleRate;
            durationSamples.Value = recording.DurationSamples;
            createdAt.Value = SqliteTimestamp.ToText(recording.CreatedAt);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task InsertNotificationsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<OutboxMessage> messages,
        CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        using var command = Command(connection, transaction, InsertOutboxSql);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var callId = command.Parameters.Add("$call_id", SqliteType.Text);
        var applicationId = command.Parameters.Add("$application_id", SqliteType.Text);
        var targetUri = command.Parameters.Add("$target_uri", SqliteType.Text);
        var payload = command.Parameters.Add("$payload", SqliteType.Text);
        var createdAt = command.Parameters.Add("$created_at", SqliteType.Text);
        foreach (var message in messages)
        {
            id.Value = message.Id;
            callId.Value = message.CallId;
            applicationId.Value = message.ApplicationId;
            targetUri.Value = message.TargetUri;
            payload.Value = message.Payload;
            createdAt.Value = SqliteTimestamp.ToText(message.CreatedAt);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
