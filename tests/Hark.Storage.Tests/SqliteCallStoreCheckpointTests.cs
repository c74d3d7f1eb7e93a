using Hark.Calls.Persistence;
using Microsoft.Extensions.Time.Testing;
using static Hark.Storage.Tests.StorageTestData;

namespace Hark.Storage.Tests;

/// <summary>The WAL is checkpointed by a loop of its own, never inside a writer's commit.</summary>
public sealed class SqliteCallStoreCheckpointTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(T0);
    private readonly SqliteCallStore _store;

    public SqliteCallStoreCheckpointTests() => _store = OpenStore(_directory.Path, _time);

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task SaveAsync_WalPastSqlitesAutoCheckpointSize_NoCommitCheckpoints()
    {
        // About 8 MB of call rows: SQLite's default would have checkpointed (and truncated the log's use) at 4 MB.
        var big = new string('x', 8000);
        for (var i = 0; i < 1000; i++)
        {
            await _store.SaveAsync(new CallStateChange { Call = Call($"call-{i}") with { ResourceJson = big } }, default);
        }

        Assert.True(new FileInfo(_store.DatabasePath + "-wal").Length > 8_000_000, "the WAL holds every commit");
        Assert.True(new FileInfo(_store.DatabasePath).Length < 1_000_000, "nothing was copied into the database yet");
        Assert.Equal(0, _store.Checkpoints);
    }

    [Fact]
    public async Task CheckpointLoop_AfterAnIntervalWithCommits_CopiesTheWalIntoTheDatabase()
    {
        var big = new string('x', 8000);
        for (var i = 0; i < 100; i++)
        {
            await _store.SaveAsync(new CallStateChange { Call = Call($"call-{i}") with { ResourceJson = big } }, default);
        }

        // The loop may not have reached its wait yet: keep moving the clock until it has checkpointed (the deadline only guards a hang).
        using var deadline = new CancellationTokenSource(Timeout);
        while (_store.Checkpoints == 0)
        {
            _time.Advance(SqliteCallStore.CheckpointInterval);
            await Task.Delay(10, deadline.Token);
        }

        Assert.True(new FileInfo(_store.DatabasePath).Length > 800_000, "the rows are in the database file");
        Assert.Equal("established", (await _store.GetCallAsync("call-99", default))!.State);
    }
}
