using Hark.Calls.Persistence;
using Microsoft.Data.Sqlite;

namespace Hark.Storage;

/// <summary>The <see cref="ICallStore"/> queries; they take no gate (WAL readers see the last commit).</summary>
public sealed partial class SqliteCallStore
{
    private const string CallColumns = "id, application_id, state, resource_json, created_at, ended_at";
    private const string OperationColumns = "call_id, id, status, resource_json, updated_at";
    private const string RecordingColumns = "id, call_id, operation_id, sample_rate, duration_samples, created_at";

    public async Task<StoredCall?> GetCallAsync(string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callId);
        var calls = await QueryAsync(
            $"SELECT {CallColumns} FROM calls WHERE id = $id;", ReadCall, cancellationToken, ("$id", callId));
        return calls.Count == 0 ? null : calls[0];
    }

    public async Task<StoredOperation?> GetOperationAsync(string callId, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(operationId);
        var operations = await QueryAsync(
            $"SELECT {OperationColumns} FROM operations WHERE call_id = $call_id AND id = $id;",
            ReadOperation, cancellationToken, ("$call_id", callId), ("$id", operationId));
        return operations.Count == 0 ? null : operations[0];
    }

    /// <summary>The call's operations in the order they were first saved.</summary>
    public Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callId);
        return QueryAsync(
            $"SELECT {OperationColumns} FROM operations WHERE call_id = $call_id ORDER BY rowid;",
            ReadOperation, cancellationToken, ("$call_id", callId));
    }

    /// <summary>The call's notifications in write order, served by the outbox_call_history index.</summary>
    public Task<IReadOnlyList<StoredNotification>> GetNotificationsAsync(string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callId);
        return QueryAsync(
            """
            SELECT id, call_id, application_id, target_uri, payload, created_at, attempts, delivered_at, abandoned_at, last_error
            FROM outbox WHERE call_id = $call_id ORDER BY sequence;
            """,
            ReadNotification, cancellationToken, ("$call_id", callId));
    }

    /// <summary>Calls without an end time, oldest first.</summary>
    public Task<IReadOnlyList<StoredCall>> GetUnfinishedCallsAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {CallColumns} FROM calls WHERE ended_at IS NULL ORDER BY created_at, id;", ReadCall, cancellationToken);

    public async Task<StoredRecording?> GetRecordingAsync(string recordingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recordingId);
        var recordings = await QueryAsync(
            $"SELECT {RecordingColumns} FROM recordings WHERE id = $id;", ReadRecording, cancellationToken, ("$id", recordingId));
        return recordings.Count == 0 ? null : recordings[0];
    }

    /// <summary>Recordings whose call's end time is before <paramref name="endedBefore"/>, oldest first.</summary>
    public Task<IReadOnlyList<StoredRecording>> GetExpiredRecordingsAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken) =>
        QueryAsync(
            """
            SELECT r.id, r.call_id, r.operation_id, r.sample_rate, r.duration_samples, r.created_at
            FROM calls c JOIN recordings r ON r.call_id = c.id
            WHERE c.ended_at < $ended_before
            ORDER BY r.created_at, r.id;
            """,
            ReadRecording, cancellationToken, ("$ended_before", SqliteTimestamp.ToText(endedBefore)));

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = Command(connection, null, sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static StoredCall ReadCall(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        SqliteTimestamp.FromText(reader.GetString(4)),
        reader.IsDBNull(5) ? null : SqliteTimestamp.FromText(reader.GetString(5)));

    private static StoredOperation ReadOperation(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        SqliteTimestamp.FromText(reader.GetString(4)));

    private static StoredNotification ReadNotification(SqliteDataReader reader) => new(
        new OutboxMessage(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            SqliteTimestamp.FromText(reader.GetString(5))),
        reader.GetInt32(6),
        reader.IsDBNull(7) ? null : SqliteTimestamp.FromText(reader.GetString(7)),
        reader.IsDBNull(8) ? null : SqliteTimestamp.FromText(reader.GetString(8)),
        reader.IsDBNull(9) ? null : reader.GetString(9));

    private static StoredRecording ReadRecording(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4),
        SqliteTimestamp.FromText(reader.GetString(5)));
}
