using Hark.Calls.Persistence;
using static Hark.Storage.Tests.StorageTestData;

namespace Hark.Storage.Tests;

public sealed class SqliteCallStoreOutboxTests : IDisposable
{
    private static readonly DateTimeOffset Now = T0.AddMinutes(5);

    private readonly TemporaryDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(Now);
    private readonly SqliteCallStore _store;

    public SqliteCallStoreOutboxTests() => _store = OpenStore(_directory.Path, _time);

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task ReadDueAsync_SeveralCalls_ReturnsEachCallsOldestInSequenceOrder()
    {
        await SaveAsync(Message("a1", "A"), Message("a2", "A"));
        await SaveAsync(Message("b1", "B"));
        await SaveAsync(Message("a3", "A"), Message("c1", "C"), Message("b2", "B"));

        var due = await _store.ReadDueAsync(Now, 10, default);

        Assert.Equal(["a1", "b1", "c1"], Ids(due));
        Assert.True(due[0].Sequence < due[1].Sequence && due[1].Sequence < due[2].Sequence);
        Assert.All(due, d => Assert.Equal(0, d.Attempts));
        Assert.Equal(Message("a1", "A"), due[0].Message);
    }

    [Fact]
    public async Task ReadDueAsync_MoreHeadsThanMax_ReturnsOldestMax()
    {
        await SaveAsync(Message("a1", "A"), Message("b1", "B"), Message("c1", "C"));

        var due = await _store.ReadDueAsync(Now, 2, default);

        Assert.Equal(["a1", "b1"], Ids(due));
    }

    [Fact]
    public async Task ReadDueAsync_MaxNotPositive_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ReadDueAsync(Now, 0, default));
    }

    [Fact]
    public async Task ReadDueAsync_CreatedAfterNow_NotReturned()
    {
        await SaveAsync(Message("a1", "A", createdAt: Now.AddTicks(1)), Message("b1", "B", createdAt: Now));

        Assert.Equal(["b1"], Ids(await _store.ReadDueAsync(Now, 10, default)));
    }

    [Fact]
    public async Task MarkDeliveredAsync_Head_NextMessageOfThatCallBecomesHead()
    {
        await SaveAsync(Message("a1", "A"), Message("b1", "B"), Message("a2", "A"), Message("a3", "A"));
        var a1 = (await _store.ReadDueAsync(Now, 10, default))[0];

        await _store.MarkDeliveredAsync(a1.Sequence, Now, default);

        Assert.Equal(["b1", "a2"], Ids(await _store.ReadDueAsync(Now, 10, default)));
    }

    [Fact]
    public async Task RescheduleAsync_Head_CallWaitsUntilRetryWhileOthersProceed()
    {
        await SaveAsync(Message("a1", "A"), Message("a2", "A"), Message("b1", "B"));
        var a1 = (await _store.ReadDueAsync(Now, 10, default))[0];
        var retryAt = Now.AddSeconds(30);

        await _store.RescheduleAsync(a1.Sequence, 1, retryAt, "HTTP 503", default);

        Assert.Equal(["b1"], Ids(await _store.ReadDueAsync(Now, 10, default)));
        Assert.Equal(["b1"], Ids(await _store.ReadDueAsync(retryAt.AddTicks(-1), 10, default)));
        var later = await _store.ReadDueAsync(retryAt, 10, default);
        Assert.Equal(["a1", "b1"], Ids(later));
        Assert.Equal(1, later[0].Attempts);
        Assert.Equal(a1.Sequence, later[0].Sequence);
    }

    [Fact]
    public async Task MarkAbandonedAsync_Head_NextMessageOfThatCallBecomesHead()
    {
        await SaveAsync(Message("a1", "A"), Message("a2", "A"));
        var a1 = (await _store.ReadDueAsync(Now, 10, default))[0];
        await _store.RescheduleAsync(a1.Sequence, 5, Now.AddHours(1), "timeout", default);

        await _store.MarkAbandonedAsync(a1.Sequence, 6, "timeout", default);

        Assert.Equal(["a2"], Ids(await _store.ReadDueAsync(Now, 10, default)));
    }

    [Fact]
    public async Task RescheduleAsync_AlreadyDelivered_StaysSettled()
    {
        await SaveAsync(Message("a1", "A"), Message("a2", "A"));
        var a1 = (await _store.ReadDueAsync(Now, 10, default))[0];
        await _store.MarkDeliveredAsync(a1.Sequence, Now, default);

        await _store.RescheduleAsync(a1.Sequence, 1, Now, "late failure report", default);

        Assert.Equal(["a2"], Ids(await _store.ReadDueAsync(Now, 10, default)));
    }

    [Fact]
    public async Task ReadDueAsync_AllSettled_ReturnsEmpty()
    {
        await SaveAsync(Message("a1", "A"), Message("b1", "B"));
        var due = await _store.ReadDueAsync(Now, 10, default);

        await _store.MarkDeliveredAsync(due[0].Sequence, Now, default);
        await _store.MarkAbandonedAsync(due[1].Sequence, 3, "gone", default);

        Assert.Empty(await _store.ReadDueAsync(DateTimeOffset.MaxValue, 10, default));
        Assert.Null(await _store.NextDueAtAsync(default));
    }

    [Fact]
    public async Task ReadDueForCallAsync_SeveralCalls_ReturnsThatCallsOldestOnly()
    {
        await SaveAsync(Message("a1", "A"), Message("b1", "B"), Message("a2", "A"));

        var head = await _store.ReadDueForCallAsync("A", Now, default);

        Assert.Equal(Message("a1", "A"), head!.Message);
        Assert.Equal((await _store.ReadDueAsync(Now, 10, default))[0].Sequence, head.Sequence);
        Assert.Null(await _store.ReadDueForCallAsync("nobody", Now, default));
    }

    [Fact]
    public async Task ReadDueForCallAsync_HeadDelivered_ReturnsNextThenNull()
    {
        await SaveAsync(Message("a1", "A"), Message("a2", "A"));

        var first = await _store.ReadDueForCallAsync("A", Now, default);
        await _store.MarkDeliveredAsync(first!.Sequence, Now, default);
        var second = await _store.ReadDueForCallAsync("A", Now, default);
        await _store.MarkDeliveredAsync(second!.Sequence, Now, default);

        Assert.Equal("a2", second.Message.Id);
        Assert.Null(await _store.ReadDueForCallAsync("A", Now, default));
    }

    [Fact]
    public async Task ReadDueForCallAsync_HeadRescheduledLater_NullUntilDueAndLaterMessagesWait()
    {
        await SaveAsync(Message("a1", "A"), Message("a2", "A"));
        var head = await _store.ReadDueForCallAsync("A", Now, default);
        await _store.RescheduleAsync(head!.Sequence, 1, Now.AddSeconds(10), "503", default);

        Assert.Null(await _store.ReadDueForCallAsync("A", Now.AddSeconds(9), default));
        var retry = await _store.ReadDueForCallAsync("A", Now.AddSeconds(10), default);
        Assert.Equal(("a1", 1), (retry!.Message.Id, retry.Attempts));
    }

    [Fact]
    public async Task RetryNowAsync_AbandonedOlderThanHead_BecomesTheCallsHeadAgain()
    {
        await SaveAsync(Message("a1", "A"), Message("a2", "A"));
        var a1 = (await _store.ReadDueAsync(Now, 10, default))[0];
        await _store.MarkAbandonedAsync(a1.Sequence, 3, "gone", default);
        Assert.Equal(["a2"], Ids(await _store.ReadDueAsync(Now, 10, default)));

        Assert.True(await _store.RetryNowAsync("a1", Now.AddSeconds(1), default));

        Assert.Empty(await _store.ReadDueAsync(Now, 10, default));
        Assert.Equal(Now.AddSeconds(1), await _store.NextDueAtAsync(default));
        Assert.Equal(["a1"], Ids(await _store.ReadDueAsync(Now.AddSeconds(1), 10, default)));
    }

    [Fact]
    public async Task NextDueAtAsync_Empty_ReturnsNull()
    {
        Assert.Null(await _store.NextDueAtAsync(default));
    }

    [Fact]
    public async Task NextDueAtAsync_SeveralHeads_ReturnsEarliestHeadsTime()
    {
        var early = Now.AddSeconds(10).AddTicks(7);
        await SaveAsync(Message("a1", "A", createdAt: Now.AddSeconds(20)), Message("b1", "B", createdAt: early));

        Assert.Equal(early, await _store.NextDueAtAsync(default));
    }

    [Fact]
    public async Task NextDueAtAsync_HeadRescheduled_IgnoresEarlierMessagesWaitingBehindIt()
    {
        // a2 was written "earlier" than a1's retry, but it cannot go before a1: only heads count.
        await SaveAsync(Message("a1", "A"), Message("a2", "A"));
        var a1 = (await _store.ReadDueAsync(Now, 10, default))[0];
        var retryAt = Now.AddMinutes(2);

        await _store.RescheduleAsync(a1.Sequence, 1, retryAt, "HTTP 500", default);

        Assert.Equal(retryAt, await _store.NextDueAtAsync(default));
    }

    [Fact]
    public async Task GetNotificationsAsync_DeliveredPendingAndAbandoned_WholeHistoryInWriteOrderWithStatus()
    {
        await SaveAsync(Message("a1", "A"), Message("b1", "B"), Message("a2", "A"));
        await SaveAsync(Message("a3", "A"));
        var a1 = (await _store.ReadDueAsync(Now, 10, default))[0];
        await _store.MarkDeliveredAsync(a1.Sequence, Now.AddSeconds(1), default);
        var a2 = (await _store.ReadDueAsync(Now, 10, default)).Single(d => d.Message.Id == "a2");
        await _store.MarkAbandonedAsync(a2.Sequence, 5, "HTTP 503", default);

        var history = await _store.GetNotificationsAsync("A", default);

        Assert.Equal(["a1", "a2", "a3"], history.Select(n => n.Message.Id));
        Assert.Equal(Message("a1", "A"), history[0].Message);
        Assert.Equal((Now.AddSeconds(1), (DateTimeOffset?)null), (history[0].DeliveredAt, history[0].AbandonedAt));
        Assert.Equal((5, "HTTP 503", (DateTimeOffset?)Now), (history[1].Attempts, history[1].LastError, history[1].AbandonedAt));
        Assert.Equal((0, (DateTimeOffset?)null, (DateTimeOffset?)null), (history[2].Attempts, history[2].DeliveredAt, history[2].AbandonedAt));
        Assert.Empty(await _store.GetNotificationsAsync("Z", default));
    }

    private Task SaveAsync(params OutboxMessage[] messages) => _store.SaveAsync(Notifications(messages), default);

    private static string[] Ids(IReadOnlyList<PendingNotification> due) => [.. due.Select(d => d.Message.Id)];
}
