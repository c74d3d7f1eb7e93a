using Hark.Calls.Persistence;
using Microsoft.Data.Sqlite;
using static Hark.Storage.Tests.StorageTestData;

namespace Hark.Storage.Tests;

/// <summary>The group-commit writer: writes that queue together share a transaction, yet each stays all-or-nothing.</summary>
public sealed class SqliteCallStoreWriterTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteCallStore _store;

    public SqliteCallStoreWriterTests() => _store = OpenStore(_directory.Path);

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task SaveAsync_ManyQueuedWhileWriterBusy_CommittedTogetherAndAllWritten()
    {
        var release = new TaskCompletionSource();
        var commitsBefore = _store.Commits;
        var (held, hold) = _store.HoldWriter(release.Task);
        await held;
        var saves = Enumerable.Range(0, 100)
            .Select(i => _store.SaveAsync(new CallStateChange { Call = Call($"call-{i}"), Notifications = [Message($"m{i}", $"call-{i}")] }, default))
            .ToArray();

        Assert.DoesNotContain(saves, s => s.IsCompleted);
        release.SetResult();
        await hold;
        await Task.WhenAll(saves);

        // The held write's transaction, then (at most) one for the hundred queued behind it: one commit each would be 101.
        Assert.InRange(_store.Commits - commitsBefore, 1, 2);
        var due = await _store.ReadDueAsync(DateTimeOffset.MaxValue, 1000, default);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"m{i}"), due.Select(d => d.Message.Id));
        Assert.Equal("established", (await _store.GetCallAsync("call-99", default))!.State);
    }

    [Fact]
    public async Task SaveAsync_OneChangeFailsInSharedTransaction_ItWritesNothingAndTheOthersCommit()
    {
        await _store.SaveAsync(Notifications(Message("taken", "other")), default);
        var release = new TaskCompletionSource();
        var (held, hold) = _store.HoldWriter(release.Task);
        await held;

        var before = _store.SaveAsync(new CallStateChange { Call = Call("A"), Notifications = [Message("a1", "A")] }, default);
        // Its call row would be written before its notification's duplicate id fails: the whole change must go.
        var failing = _store.SaveAsync(new CallStateChange { Call = Call("B"), Notifications = [Message("taken", "B")] }, default);
        var after = _store.SaveAsync(new CallStateChange { Call = Call("C"), Notifications = [Message("c1", "C")] }, default);
        release.SetResult();
        await hold;

        await before;
        await Assert.ThrowsAsync<SqliteException>(() => failing);
        await after;
        Assert.NotNull(await _store.GetCallAsync("A", default));
        Assert.Null(await _store.GetCallAsync("B", default));
        Assert.NotNull(await _store.GetCallAsync("C", default));
        Assert.Empty(await _store.GetNotificationsAsync("B", default));
        Assert.Equal(["taken", "a1", "c1"], (await _store.ReadDueAsync(DateTimeOffset.MaxValue, 10, default)).Select(d => d.Message.Id));
    }

    [Fact]
    public async Task SaveAsync_CancelledWhileQueued_CancelledAndNothingWritten()
    {
        var release = new TaskCompletionSource();
        var (held, hold) = _store.HoldWriter(release.Task);
        await held;
        using var cancel = new CancellationTokenSource();
        var save = _store.SaveAsync(new CallStateChange { Call = Call("A"), Notifications = [Message("a1", "A")] }, cancel.Token);

        await cancel.CancelAsync();
        release.SetResult();
        await hold;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => save);
        Assert.True(save.IsCanceled);
        Assert.Null(await _store.GetCallAsync("A", default));
    }

    [Fact]
    public async Task SaveAsync_FailsAlone_ItWritesNothingAndWriterKeepsGoing()
    {
        await _store.SaveAsync(Notifications(Message("taken", "other")), default);
        await Assert.ThrowsAsync<SqliteException>(
            () => _store.SaveAsync(new CallStateChange { Call = Call("B"), Notifications = [Message("taken", "B")] }, default));
        Assert.Null(await _store.GetCallAsync("B", default));

        await _store.SaveAsync(Notifications(Message("b1", "B")), default);

        Assert.Equal("b1", (await _store.ReadDueForCallAsync("B", DateTimeOffset.MaxValue, default))!.Message.Id);
    }

    [Fact]
    public async Task Dispose_WritesQueued_TheyCommitFirstAndLaterWritesThrow()
    {
        var release = new TaskCompletionSource();
        var (held, hold) = _store.HoldWriter(release.Task);
        await held;
        var queued = _store.SaveAsync(new CallStateChange { Call = Call("A") }, default);

        var disposing = Task.Run(_store.Dispose);
        release.SetResult();
        await disposing;

        await hold;
        await queued;
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.SaveAsync(new CallStateChange { Call = Call("B") }, default));
        using var reopened = OpenStore(_directory.Path);
        Assert.NotNull(await reopened.GetCallAsync("A", default));
    }
}
