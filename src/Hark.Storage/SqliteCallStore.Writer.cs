using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Hark.Storage;

/// <summary>
/// Group commit. Every write is queued to one writer loop that owns one connection: it takes whatever writes are
/// waiting (up to <see cref="MaxWritesPerCommit"/>), runs each inside its own savepoint of one IMMEDIATE
/// transaction, commits once, and only then completes each writer's task. A caller still returns only once its
/// change is committed, and a write that fails is rolled back alone (its savepoint) while the others commit; but
/// a burst of calls saving at once costs one commit rather than one each, and statements stay prepared on the
/// writer's connection instead of being parsed again for every event.
/// </summary>
public sealed partial class SqliteCallStore
{
    /// <summary>Most writes one transaction carries, so a long queue still commits (and answers) in steps.</summary>
    internal const int MaxWritesPerCommit = 256;

    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    // Only the writer loop touches these.
    private readonly List<PendingWrite> _batch = new(MaxWritesPerCommit);
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private SqliteConnection? _writer;
    private readonly Task _writerLoop;

    /// <summary>Transactions committed by the writer loop (each carries one or more writes); for tests and benchmarks.</summary>
    internal long Commits { get; private set; }

    /// <summary>Runs <paramref name="write"/> in the writer's next transaction; completes once that has committed.</summary>
    private Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var pending = new PendingWrite(write, cancellationToken);
        // The queue is closed only by Dispose.
        ObjectDisposedException.ThrowIf(!_writes.Writer.TryWrite(pending), this);

        return pending.Done.Task;
    }

    /// <summary>
    /// Test hook: a write that holds the writer inside its transaction until <paramref name="release"/> completes;
    /// the returned task's <c>Entered</c> completes once the writer is held (later writes then queue).
    /// </summary>
    internal (Task Entered, Task Done) HoldWriter(Task release)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = WriteAsync((_, _) =>
        {
            entered.TrySetResult();
            return release;
        }, CancellationToken.None);
        return (entered.Task, done);
    }

    private async Task WriterLoopAsync()
    {
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_batch.Count < MaxWritesPerCommit && _writes.Reader.TryRead(out var pending))
            {
                // A writer that gave up before its turn is not written; once in a transaction, it commits.
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Done.TrySetCanceled(pending.CancellationToken);
                }
                else
                {
                    _batch.Add(pending);
                }
            }

            if (_batch.Count > 0)
            {
                await CommitBatchAsync().ConfigureAwait(false);
                _batch.Clear();
            }
        }
    }

    private async Task CommitBatchAsync()
    {
        // Each write's outcome, decided inside the transaction but reported only after the commit.
        var failures = new Exception?[_batch.Count];
        try
        {
            var connection = OpenWriter();
            // IMMEDIATE takes the write lock up front: a deferred one could fail with SQLITE_BUSY when upgrading.
            using var transaction = connection.BeginTransaction(deferred: false);
            // A write alone needs no savepoint: if it fails, its transaction is rolled back instead of committed.
            var shared = _batch.Count > 1;
            for (var i = 0; i < _batch.Count; i++)
            {
                failures[i] = await RunWriteAsync(connection, transaction, _batch[i], shared).ConfigureAwait(false);
            }

            if (!shared && failures[0] is not null)
            {
                transaction.Rollback();
            }
            else
            {
                transaction.Commit();
                Commits++;
            }
        }
#pragma warning disable CA1031 // Whatever broke the transaction is every writer's failure: nothing of theirs was written.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CloseWriter();
            foreach (var pending in _batch)
            {
                pending.Done.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < _batch.Count; i++)
        {
            if (failures[i] is null)
            {
                _batch[i].Done.TrySetResult();
            }
            else if (failures[i] is OperationCanceledException && _batch[i].CancellationToken.IsCancellationRequested)
            {
                _batch[i].Done.TrySetCanceled(_batch[i].CancellationToken);
            }
            else
            {
                _batch[i].Done.TrySetException(failures[i]!);
            }
        }
    }

    /// <summary>
    /// Runs one write, in a savepoint when it shares the transaction; on failure rolls back to the savepoint (the
    /// others stay) and returns the failure.
    /// </summary>
    private async Task<Exception?> RunWriteAsync(SqliteConnection connection, SqliteTransaction transaction, PendingWrite pending, bool inSavepoint)
    {
        if (inSavepoint)
        {
            Prepared(connection, transaction, "SAVEPOINT hark_write;").ExecuteNonQuery();
        }

        try
        {
            await pending.Write(connection, transaction).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The failure belongs to this writer alone; it is handed to its task after the commit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (inSavepoint)
            {
                // If the rollback itself fails the transaction is broken: that escapes and fails the whole batch.
                Prepared(connection, transaction, "ROLLBACK TO hark_write; RELEASE hark_write;").ExecuteNonQuery();
            }

            return ex;
        }

        if (inSavepoint)
        {
            Prepared(connection, transaction, "RELEASE hark_write;").ExecuteNonQuery();
        }

        return null;
    }

    /// <summary>
    /// A command on the writer's connection, prepared once and kept: only for SQL the writer runs again and again
    /// (a fixed text, values as parameters). Its parameters are cleared for the caller to bind; never dispose it.
    /// </summary>
    private SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        if (!ReferenceEquals(connection, _writer))
        {
            throw new InvalidOperationException("Prepared commands belong to the writer's connection.");
        }

        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _prepared.Add(sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    private SqliteConnection OpenWriter()
    {
        if (_writer is not null)
        {
            return _writer;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            ApplyPragmas(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _writer = connection;
        return connection;
    }

    /// <summary>Drops the writer's connection and its statements; the next batch opens a fresh one.</summary>
    private void CloseWriter()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _prepared.Clear();
        _writer?.Dispose();
        _writer = null;
    }

    /// <summary>Lets queued writes finish, then closes the writer's connection.</summary>
    private void StopWriter()
    {
        _writes.Writer.TryComplete();
        // The loop runs on the thread pool and never waits on the caller, so blocking here cannot deadlock it.
        _writerLoop.GetAwaiter().GetResult();
        CloseWriter();
    }

    private sealed record PendingWrite(Func<SqliteConnection, SqliteTransaction, Task> Write, CancellationToken CancellationToken)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
