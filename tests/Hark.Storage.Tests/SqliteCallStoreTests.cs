using Hark.Calls.Persistence;
using Microsoft.Data.Sqlite;
using static Hark.Storage.Tests.StorageTestData;

namespace Hark.Storage.Tests;

public sealed class SqliteCallStoreTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteCallStore _store;

    public SqliteCallStoreTests() => _store = OpenStore(_directory.Path);

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task SaveAsync_CallOperationsRecording_ReadBackEqual()
    {
        var call = Call("call-1", endedAt: T0.AddMinutes(3).AddTicks(1));
        var first = Operation("call-1", "op-b");
        var second = Operation("call-1", "op-a", "completed");
        var recording = Recording("rec-1", "call-1");

        await _store.SaveAsync(new CallStateChange { Call = call, Operations = [first, second], Recordings = [recording] }, default);

        Assert.Equal(call, await _store.GetCallAsync("call-1", default));
        Assert.Equal(second, await _store.GetOperationAsync("call-1", "op-a", default));
        Assert.Equal([first, second], await _store.GetOperationsAsync("call-1", default));
        Assert.Equal(recording, await _store.GetRecordingAsync("rec-1", default));
    }

    [Fact]
    public async Task SaveAsync_Timestamps_KeepTicksAndInstant()
    {
        var call = Call("call-1");
        await _store.SaveAsync(new CallStateChange { Call = call }, default);

        var read = await _store.GetCallAsync("call-1", default);

        Assert.Equal(call.CreatedAt.UtcTicks, read!.CreatedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
    }

    [Fact]
    public async Task SaveAsync_SameIdsAgain_ReplacesRowsKeepingOperationOrder()
    {
        await _store.SaveAsync(new CallStateChange
        {
            Call = Call("call-1"),
            Operations = [Operation("call-1", "op-1"), Operation("call-1", "op-2")],
        }, default);
        var ended = Call("call-1", endedAt: T0.AddMinutes(1), state: "terminated");
        var completed = Operation("call-1", "op-1", "completed");

        await _store.SaveAsync(new CallStateChange { Call = ended, Operations = [completed] }, default);

        Assert.Equal(ended, await _store.GetCallAsync("call-1", default));
        var operations = await _store.GetOperationsAsync("call-1", default);
        Assert.Equal(["op-1", "op-2"], operations.Select(o => o.Id));
        Assert.Equal(completed, operations[0]);
    }

    [Fact]
    public async Task GetAsync_Unknown_ReturnsNullOrEmpty()
    {
        Assert.Null(await _store.GetCallAsync("nope", default));
        Assert.Null(await _store.GetOperationAsync("nope", "op", default));
        Assert.Empty(await _store.GetOperationsAsync("nope", default));
        Assert.Null(await _store.GetRecordingAsync("nope", default));
    }

    [Fact]
    public async Task SaveAsync_DuplicateOutboxId_WritesNothingOfTheChange()
    {
        await _store.SaveAsync(new CallStateChange { Call = Call("call-a"), Notifications = [Message("m-1", "call-a")] }, default);
        var failing = new CallStateChange
        {
            Call = Call("call-b"),
            Operations = [Operation("call-b", "op-1")],
            Recordings = [Recording("rec-b", "call-b")],
            Notifications = [Message("m-2", "call-b"), Message("m-1", "call-b")],
        };

        await Assert.ThrowsAsync<SqliteException>(() => _store.SaveAsync(failing, default));

        Assert.Null(await _store.GetCallAsync("call-b", default));
        Assert.Empty(await _store.GetOperationsAsync("call-b", default));
        Assert.Null(await _store.GetRecordingAsync("rec-b", default));
        var due = await _store.ReadDueAsync(DateTimeOffset.MaxValue, 10, default);
        Assert.Equal(["m-1"], due.Select(d => d.Message.Id));
        Assert.Equal("call-a", due[0].Message.CallId);
    }

    [Fact]
    public async Task SaveAsync_AfterFailedChange_StoreStillWrites()
    {
        await _store.SaveAsync(Notifications(Message("m-1", "call-a")), default);
        await Assert.ThrowsAsync<SqliteException>(() => _store.SaveAsync(Notifications(Message("m-1", "call-a")), default));

        await _store.SaveAsync(new CallStateChange { Call = Call("call-c") }, default);

        Assert.NotNull(await _store.GetCallAsync("call-c", default));
    }

    [Fact]
    public async Task SaveAsync_Cancelled_WritesNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _store.SaveAsync(new CallStateChange { Call = Call("call-1") }, cancelled.Token));

        Assert.Null(await _store.GetCallAsync("call-1", default));
    }

    [Fact]
    public async Task GetUnfinishedCallsAsync_MixedCalls_ReturnsOnlyThoseWithoutEnd()
    {
        await _store.SaveAsync(new CallStateChange { Call = Call("live-1") }, default);
        await _store.SaveAsync(new CallStateChange { Call = Call("ended", endedAt: T0.AddMinutes(1), state: "terminated") }, default);
        await _store.SaveAsync(new CallStateChange { Call = Call("live-2", state: "incoming") }, default);

        var unfinished = await _store.GetUnfinishedCallsAsync(default);

        Assert.Equal(["live-1", "live-2"], unfinished.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task GetExpiredRecordingsAsync_CallsEndedBeforeAndAfterAndLive_ReturnsOnlyEndedBefore()
    {
        var cutoff = T0.AddHours(1);
        await _store.SaveAsync(new CallStateChange { Call = Call("old", endedAt: cutoff.AddTicks(-1)), Recordings = [Recording("r-old", "old")] }, default);
        await _store.SaveAsync(new CallStateChange { Call = Call("at", endedAt: cutoff), Recordings = [Recording("r-at", "at")] }, default);
        await _store.SaveAsync(new CallStateChange { Call = Call("live"), Recordings = [Recording("r-live", "live")] }, default);

        var expired = await _store.GetExpiredRecordingsAsync(cutoff, default);

        Assert.Equal(["r-old"], expired.Select(r => r.Id));
    }

    [Fact]
    public async Task DeleteRecordingAsync_Existing_RemovesOnlyThatRow()
    {
        await _store.SaveAsync(new CallStateChange
        {
            Call = Call("call-1"),
            Recordings = [Recording("rec-1", "call-1"), Recording("rec-2", "call-1")],
        }, default);

        await _store.DeleteRecordingAsync("rec-1", default);
        await _store.DeleteRecordingAsync("never-existed", default);

        Assert.Null(await _store.GetRecordingAsync("rec-1", default));
        Assert.NotNull(await _store.GetRecordingAsync("rec-2", default));
    }

    [Fact]
    public async Task Constructor_ExistingDatabase_ReopensWithData()
    {
        var call = Call("call-1");
        await _store.SaveAsync(new CallStateChange
        {
            Call = call,
            Operations = [Operation("call-1", "op-1")],
            Notifications = [Message("m-1", "call-1")],
        }, default);
        _store.Dispose();

        using var reopened = OpenStore(_directory.Path);

        Assert.Equal(call, await reopened.GetCallAsync("call-1", default));
        Assert.Single(await reopened.GetOperationsAsync("call-1", default));
        Assert.Equal(["m-1"], (await reopened.ReadDueAsync(DateTimeOffset.MaxValue, 10, default)).Select(d => d.Message.Id));
        await reopened.SaveAsync(Notifications(Message("m-2", "call-1")), default);
    }

    [Fact]
    public void Constructor_NewDatabase_UsesWalAndCurrentSchemaVersion()
    {
        using var connection = RawConnection(_store.DatabasePath);

        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal(Path.Combine(_directory.Path, "hark.db"), _store.DatabasePath);
    }

    [Fact]
    public async Task Constructor_Version2WithUnsettledNotifications_MigratesHeadsSoDeliveryResumesInOrder()
    {
        // A version-2 database: the outbox without its heads table, as an earlier Hark left it.
        await _store.SaveAsync(Notifications(Message("a1", "A"), Message("a2", "A"), Message("b1", "B")), default);
        var a1 = (await _store.ReadDueForCallAsync("A", DateTimeOffset.MaxValue, default))!;
        await _store.MarkDeliveredAsync(a1.Sequence, T0, default);
        _store.Dispose();
        using (var connection = RawConnection(Path.Combine(_directory.Path, "hark.db")))
        {
            Scalar(connection, "DROP TRIGGER outbox_heads_insert; DROP TRIGGER outbox_heads_update; DROP TRIGGER outbox_heads_delete; DROP TABLE outbox_heads; PRAGMA user_version = 2;");
        }

        using var migrated = OpenStore(_directory.Path);

        Assert.Equal(["a2", "b1"], (await migrated.ReadDueAsync(DateTimeOffset.MaxValue, 10, default)).Select(d => d.Message.Id));
        Assert.Equal(T0, await migrated.NextDueAtAsync(default));
        await migrated.SaveAsync(Notifications(Message("c1", "C")), default);
        Assert.Equal(["a2", "b1", "c1"], (await migrated.ReadDueAsync(DateTimeOffset.MaxValue, 10, default)).Select(d => d.Message.Id));
    }

    [Fact]
    public void Constructor_DatabaseFromNewerVersion_Throws()
    {
        _store.Dispose();
        using (var connection = RawConnection(Path.Combine(_directory.Path, "hark.db")))
        {
            Scalar(connection, $"PRAGMA user_version = {SqliteSchema.CurrentVersion + 1};");
        }

        var error = Assert.Throws<InvalidOperationException>(() => OpenStore(_directory.Path));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposed()
    {
        _store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.GetCallAsync("call-1", default));
    }

    private static SqliteConnection RawConnection(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
