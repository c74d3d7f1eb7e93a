using Hark.Calls.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Hark.Storage.Tests.StorageTestData;

namespace Hark.Storage.Tests;

/// <summary>The call pruner on a real SQLite file: what it deletes, what it keeps, and that it works in batches.</summary>
public sealed class CallRetentionServiceTests : IDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private readonly TemporaryDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(T0.AddDays(60));
    private readonly SqliteCallStore _store;

    public CallRetentionServiceTests() => _store = OpenStore(_directory.Path, _time);

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task SweepAsync_EndedLongAgo_CallOperationsAndNotificationsDeletedTheRestKept()
    {
        var now = _time.GetUtcNow();
        var old = now - Retention - TimeSpan.FromSeconds(1);
        await SaveAsync("old", old, operations: 2, notifications: 3);
        await SaveAsync("recent", now - Retention + TimeSpan.FromSeconds(1), operations: 1, notifications: 1);
        await SaveAsync("live", null, operations: 1, notifications: 1);
        await SaveAsync("old-with-recording", old, operations: 1, notifications: 1);
        await _store.SaveAsync(new CallStateChange { Recordings = [Recording("rec-1", "old-with-recording")] }, default);
        await DeliverAllAsync();
        await SaveAsync("old-undelivered", old, operations: 1, notifications: 1);
        using var service = Service(batchSize: 500);

        var pruned = await service.SweepAsync(default);

        Assert.Equal(new PrunedCalls(1, 2, 3), pruned);
        Assert.Null(await _store.GetCallAsync("old", default));
        Assert.Empty(await _store.GetOperationsAsync("old", default));
        Assert.Empty(await _store.GetNotificationsAsync("old", default));
        foreach (var kept in new[] { "recent", "live", "old-with-recording", "old-undelivered" })
        {
            Assert.NotNull(await _store.GetCallAsync(kept, default));
            Assert.NotEmpty(await _store.GetOperationsAsync(kept, default));
            Assert.NotEmpty(await _store.GetNotificationsAsync(kept, default));
        }

        // The recording's own retention removes it; the next sweep then takes its call.
        await _store.DeleteRecordingAsync("rec-1", default);
        Assert.Equal(new PrunedCalls(1, 1, 1), await service.SweepAsync(default));
        Assert.Null(await _store.GetCallAsync("old-with-recording", default));
    }

    [Fact]
    public async Task SweepAsync_MoreThanOneBatch_AllDeletedInBatches()
    {
        var old = _time.GetUtcNow() - Retention - TimeSpan.FromMinutes(1);
        for (var i = 0; i < 7; i++)
        {
            await SaveAsync("call-" + i, old.AddSeconds(-i), operations: 1, notifications: 0);
        }

        using var service = Service(batchSize: 3);

        Assert.Equal(new PrunedCalls(3, 3, 0), await _store.PruneEndedCallsAsync(_time.GetUtcNow() - Retention, 3, default));
        Assert.Equal(new PrunedCalls(4, 4, 0), await service.SweepAsync(default));
        Assert.Equal(default, await service.SweepAsync(default));
    }

    [Fact]
    public async Task SweepAsync_TimePassesRetention_RecentCallDeletedLater()
    {
        await SaveAsync("c", _time.GetUtcNow() - TimeSpan.FromDays(29), operations: 0, notifications: 0);
        using var service = Service(batchSize: 500);
        Assert.Equal(0, (await service.SweepAsync(default)).Calls);

        _time.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromTicks(1)));

        Assert.Equal(1, (await service.SweepAsync(default)).Calls);
    }

    private CallRetentionService Service(int batchSize) =>
        new(_store, Options.Create(new RetentionOptions { Calls = Retention, BatchSize = batchSize }), _time, NullLogger<CallRetentionService>.Instance);

    private async Task SaveAsync(string callId, DateTimeOffset? endedAt, int operations, int notifications) =>
        await _store.SaveAsync(
            new CallStateChange
            {
                Call = Call(callId, endedAt, endedAt is null ? "established" : "terminated"),
                Operations = [.. Enumerable.Range(0, operations).Select(i => Operation(callId, $"{callId}-op-{i}", "completed"))],
                Notifications = [.. Enumerable.Range(0, notifications).Select(i => Message($"{callId}-n-{i}", callId))],
            },
            default);

    private async Task DeliverAllAsync()
    {
        while (await _store.ReadDueAsync(_time.GetUtcNow(), 100, default) is { Count: > 0 } due)
        {
            foreach (var pending in due)
            {
                await _store.MarkDeliveredAsync(pending.Sequence, _time.GetUtcNow(), default);
            }
        }
    }
}
