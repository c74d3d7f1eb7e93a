namespace Hark.Storage;

public sealed partial class SqliteCallStore
{
    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> calls that ended before <paramref name="endedBefore"/>, with their
    /// operations and notifications, in one transaction. A call is kept while it has a recording row (the recordings'
    /// own retention removes those, file first) or a notification still to deliver.
    /// </summary>
    public async Task<PrunedCalls> PruneEndedCallsAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var pruned = default(PrunedCalls);
        await WriteAsync(async (connection, transaction) =>
        {
            using (var select = Command(connection, transaction, """
                CREATE TEMP TABLE IF NOT EXISTS prune_calls (id TEXT NOT NULL PRIMARY KEY);
                DELETE FROM prune_calls;
                INSERT INTO prune_calls (id)
                SELECT c.id FROM calls c
                WHERE c.ended_at IS NOT NULL AND c.ended_at < $ended_before
                  AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.call_id = c.id)
                  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.call_id = c.id AND o.delivered_at IS NULL AND o.abandoned_at IS NULL)
                ORDER BY c.ended_at, c.id
                LIMIT $batch;
                """))
            {
                select.Parameters.AddWithValue("$ended_before", SqliteTimestamp.ToText(endedBefore));
                select.Parameters.AddWithValue("$batch", batchSize);
                await select.ExecuteNonQueryAsync(cancellationToken);
            }

            var operations = await DeleteAsync("DELETE FROM operations WHERE call_id IN (SELECT id FROM prune_calls);");
            var notifications = await DeleteAsync("DELETE FROM outbox WHERE call_id IN (SELECT id FROM prune_calls);");
            var calls = await DeleteAsync("DELETE FROM calls WHERE id IN (SELECT id FROM prune_calls);");
            await DeleteAsync("DELETE FROM prune_calls;");
            pruned = new PrunedCalls(calls, operations, notifications);

            async Task<int> DeleteAsync(string sql)
            {
                using var delete = Command(connection, transaction, sql);
                return await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }, cancellationToken);
        return pruned;
    }
}

/// <summary>What one <see cref="SqliteCallStore.PruneEndedCallsAsync"/> batch deleted.</summary>
public readonly record struct PrunedCalls(int Calls, int Operations, int Notifications);
