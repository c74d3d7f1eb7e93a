using System.Diagnostics;
using Hark.Graph.Notifications;
using Hark.Graph.Tests.Auth;
using Xunit.Abstractions;
using Outcome = Hark.Graph.Tests.Notifications.FakeNotificationOutbox.Outcome;

namespace Hark.Graph.Tests.Notifications;

/// <summary>When the loop sleeps and what wakes it, on a clock that only the test moves.</summary>
public sealed class WebhookDeliveryServiceWakeTests(SigningKeyFixture keys, ITestOutputHelper output) : IClassFixture<SigningKeyFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start);
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Notify_LoopIdle_DeliversWithoutTheClockMoving()
    {
        await using var harness = new WebhookHarness(keys.Keys, _clock);
        await harness.StartAsync();
        await harness.Outbox.WaitForNextDueQueryAsync();
        var (_, message) = harness.Add("call-a", _receiver.Url("a"));

        var stopwatch = Stopwatch.StartNew();
        harness.Service.Notify();
        var received = await _receiver.NextAsync();
        stopwatch.Stop();

        // The idle wait is 30 s on a clock that never moves here: only Notify can have woken the loop.
        Assert.Equal(message.Id, received.NotificationId);
        output.WriteLine($"Notify to arrival: {stopwatch.Elapsed.TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public async Task Notify_ManyThreadsAtOnce_NeverThrowsAndStillWakesTheLoop()
    {
        await using var harness = new WebhookHarness(keys.Keys, _clock);
        await harness.StartAsync();
        await harness.Outbox.WaitForNextDueQueryAsync();

        const int Calls = 200_000;
        var stopwatch = Stopwatch.StartNew();
        Parallel.For(0, Calls, _ => harness.Service.Notify());
        stopwatch.Stop();
        harness.Add("call-a", _receiver.Url("a"));
        harness.Service.Notify();

        Assert.Equal(Outcome.Delivered, (await harness.Outbox.NextSettlementAsync()).Outcome);
        output.WriteLine($"Notify: {stopwatch.Elapsed.TotalNanoseconds / Calls:0.0} ns per call across threads");
    }

    [Fact]
    public async Task ExecuteAsync_NextMessageDueLater_SleepsUntilItIsDue()
    {
        await using var harness = new WebhookHarness(keys.Keys, _clock);
        var (sequence, _) = harness.Add("call-a", _receiver.Url("a"), dueAt: Start.AddSeconds(5));

        await harness.StartAsync();
        await _clock.WaitForTimerAsync(Start.AddSeconds(5));
        Assert.Null(harness.Outbox.Inspect(sequence).State);
        _clock.Advance(TimeSpan.FromSeconds(5));

        var settled = await harness.Outbox.NextSettlementAsync();
        Assert.Equal((sequence, Outcome.Delivered), (settled.Sequence, settled.Outcome));
    }

    [Fact]
    public async Task ExecuteAsync_NothingWaiting_SleepsAtMostTheIdleWait()
    {
        await using var harness = new WebhookHarness(keys.Keys, _clock);

        await harness.StartAsync();
        await _clock.WaitForTimerAsync(Start + WebhookDeliveryService.IdleWait);
        _clock.Advance(WebhookDeliveryService.IdleWait);

        // Looked again without any Notify.
        await harness.Outbox.WaitForNextDueQueryAsync();
        await harness.Outbox.WaitForNextDueQueryAsync();
    }

    [Fact]
    public async Task ExecuteAsync_OutboxThrows_BacksOffASecondAndCarriesOn()
    {
        await using var harness = new WebhookHarness(keys.Keys, _clock);
        var (sequence, _) = harness.Add("call-a", _receiver.Url("a"));
        harness.Outbox.FailNextReads(2);

        await harness.StartAsync();
        await _clock.WaitForTimerAsync(Start + WebhookDeliveryService.StoreRetryDelay);
        _clock.Advance(WebhookDeliveryService.StoreRetryDelay);
        await _clock.WaitForTimerAsync(Start + (2 * WebhookDeliveryService.StoreRetryDelay));
        _clock.Advance(WebhookDeliveryService.StoreRetryDelay);

        var settled = await harness.Outbox.NextSettlementAsync();
        Assert.Equal((sequence, Outcome.Delivered), (settled.Sequence, settled.Outcome));
        Assert.False(harness.Service.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task ExecuteAsync_FailedAttempt_RetriesAtTheBackoffOnTheClock()
    {
        var calls = 0;
        _receiver.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? 502 : 200);
        await using var harness = new WebhookHarness(
            keys.Keys, _clock, new Dictionary<string, string?> { ["Hark:Webhooks:InitialBackoff"] = "00:00:10", ["Hark:Webhooks:MaxBackoff"] = "00:01:00" });
        var (sequence, _) = harness.Add("call-a", _receiver.Url("a"));

        await harness.StartAsync();
        var failed = await harness.Outbox.NextSettlementAsync();
        await harness.Outbox.WaitForNextDueQueryAsync();
        var (_, _, errors) = harness.Outbox.Inspect(sequence);

        // The loop sleeps until the retry is due (10 s less up to 10 % jitter), then sends it.
        Assert.Equal((Outcome.Rescheduled, "HTTP 502 Bad Gateway"), (failed.Outcome, errors.Single()));
        _clock.Advance(TimeSpan.FromSeconds(10));
        var delivered = await harness.Outbox.NextSettlementAsync();
        Assert.Equal((sequence, Outcome.Delivered, 2), (delivered.Sequence, delivered.Outcome, delivered.Attempts));
    }
}
