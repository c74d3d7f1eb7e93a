using Hark.Calls.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hark.Storage;

/// <summary>
/// Calls, operations, recordings' metadata and the notification outbox in one SQLite file,
/// <c>{DataDirectory}/hark.db</c>. Reads take a pooled connection each and run beside writes thanks to WAL. Writes
/// all go through one writer loop with its own connection (see SqliteCallStore.Writer.cs), which commits the writes
/// that arrive together in one transaction, so call actors and the delivery loop never contend for SQLite's single
/// writer lock (busy_timeout is left for other processes, such as an operator's sqlite3 shell).
/// </summary>
public sealed partial class SqliteCallStore : ICallStore, INotificationOutbox, IDisposable
{
    public const string FileName = "hark.db";

    // WAL makes a commit an append to the log; with synchronous=NORMAL the log is synced only at checkpoints, so a
    // commit costs no fsync. A power loss may drop the last commits but never corrupts the file; a process
    // crash loses nothing. That trade suits call state (a lost step equals a crash a moment earlier). No commit
    // checkpoints either: SqliteCallStore.Checkpoint.cs does, off the write path.
    private const string ConnectionPragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = 0;";

    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private volatile bool _disposed;

    /// <summary>Opens (creating if needed) the database and brings its schema up to date.</summary>
    public SqliteCallStore(IOptions<StorageOptions> options, TimeProvider timeProvider, ILogger<SqliteCallStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _timeProvider = timeProvider;

        var directory = Path.GetFullPath(options.Value.DataDirectory);
        OwnerOnly.CreateDirectory(directory);
        DatabasePath = Path.Combine(directory, FileName);

        // Created empty and owner-only before SQLite opens it; SQLite gives the -wal and -shm files the same mode.
        OwnerOnly.CreateOrRestrictFile(DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        ApplyPragmas(connection);
        var previousVersion = SqliteSchema.Migrate(connection);
        StorageLog.DatabaseOpened(logger, DatabasePath, SqliteSchema.CurrentVersion, previousVersion);
        _writerLoop = Task.Run(WriterLoopAsync);
        StartCheckpoints(logger);
    }

    /// <summary>The database file's full path.</summary>
    public string DatabasePath { get; }

    public async Task SaveAsync(CallStateChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Call is null && change.Operations.Count == 0 && change.Recordings.Count == 0 && change.Notifications.Count == 0)
        {
            return;
        }

        await WriteAsync(async (connection, transaction) =>
        {
            if (change.Call is { } call)
            {
                await UpsertCallAsync(connection, transaction, call, cancellationToken);
            }

            await UpsertOperationsAsync(connection, transaction, change.Operations, cancellationToken);
            await InsertRecordingsAsync(connection, transaction, change.Recordings, cancellationToken);
            await InsertNotificationsAsync(connection, transaction, change.Notifications, cancellationToken);
        }, cancellationToken);
    }

    public async Task DeleteRecordingAsync(string recordingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recordingId);
        await WriteAsync(async (connection, transaction) =>
        {
            using var command = Command(connection, transaction, "DELETE FROM recordings WHERE id = $id;");
            command.Parameters.AddWithValue("$id", recordingId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Returns the pooled connections, so the file is closed (and its WAL checkpointed) once idle.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopCheckpoints();
        StopWriter();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            ApplyPragmas(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static void ApplyPragmas(SqliteConnection connection)
    {
        // Per connection settings: pooled connections keep them, but running them again costs microseconds.
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static object DbText(DateTimeOffset? value) =>
        value is { } v ? SqliteTimestamp.ToText(v) : DBNull.Value;
}
