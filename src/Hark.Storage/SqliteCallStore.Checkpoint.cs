using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Hark.Storage;

/// <summary>
/// Checkpoints off the write path. SQLite's default has the commit that takes the WAL past 1,000 pages copy the log
/// into the database and fsync both, inside the writer's transaction: 20-50 ms on the team's VM, during which every
/// call's writes (and so its notifications) wait. Every connection here has <c>wal_autocheckpoint = 0</c>, and this
/// loop runs a PASSIVE checkpoint, which never waits on the writer nor makes it wait, once per
/// <see cref="CheckpointInterval"/> after anything was committed. Closing the last connection still checkpoints.
/// </summary>
public sealed partial class SqliteCallStore
{
    /// <summary>How often the WAL is copied into the database while writes go on.</summary>
    internal static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopCheckpoints = new();
    private Task _checkpointLoop = Task.CompletedTask;

    /// <summary>Checkpoints run by the loop; for tests.</summary>
    internal long Checkpoints { get; private set; }

    private void StartCheckpoints(ILogger logger) => _checkpointLoop = Task.Run(() => CheckpointLoopAsync(logger));

    private async Task CheckpointLoopAsync(ILogger logger)
    {
        var token = _stopCheckpoints.Token;
        var committed = Commits;
        while (true)
        {
            try
            {
                await Task.Delay(CheckpointInterval, _timeProvider, token);
                if (Commits == committed)
                {
                    continue;
                }

                committed = Commits;
                var connection = await OpenAsync(token);
                await using (connection)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    await command.ExecuteNonQueryAsync(token);
                }

                Checkpoints++;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (SqliteException ex)
            {
                // The next interval tries again; meanwhile the WAL only grows.
                StorageLog.CheckpointFailed(logger, ex);
            }
        }
    }

    private void StopCheckpoints()
    {
        _stopCheckpoints.Cancel();

        // The loop runs on the thread pool and never waits on the caller, so blocking here cannot deadlock it.
        _checkpointLoop.GetAwaiter().GetResult();
        _stopCheckpoints.Dispose();
    }
}
