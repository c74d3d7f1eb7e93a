using Hark.Graph.Tests.Auth;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;
using Outcome = Hark.Graph.Tests.Notifications.FakeNotificationOutbox.Outcome;

namespace Hark.Graph.Tests.Notifications;

/// <summary>Delivery over real HTTP on the real clock: ordering, parallelism, retries, abandonment.</summary>
public sealed class WebhookDeliveryServiceTests(SigningKeyFixture keys, ITestOutputHelper output) : IClassFixture<SigningKeyFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_SlowReceiver_DeliversEachCallsMessagesOnceInOrder()
    {
        var concurrent = 0;
        var maxConcurrent = 0;
        _receiver.Respond = async (_, context) =>
        {
            var now = Interlocked.Increment(ref concurrent);
            InterlockedMax(ref maxConcurrent, now);
            await Task.Delay(30, context.RequestAborted);
            Interlocked.Decrement(ref concurrent);
            return StatusCodes.Status200OK;
        };
        await using var harness = new WebhookHarness(keys.Keys);
        var sent = Enumerable.Range(0, 5).Select(_ => harness.Add("call-a", _receiver.Url("a")).Message.Id).ToList();

        await harness.StartAsync();
        var received = new List<string?>();
        for (var i = 0; i < sent.Count; i++)
        {
            received.Add((await _receiver.NextAsync()).NotificationId);
        }

        for (var i = 0; i < sent.Count; i++)
        {
            var settled = await harness.Outbox.NextSettlementAsync();
            Assert.Equal((Outcome.Delivered, 1), (settled.Outcome, settled.Attempts));
        }

        Assert.Equal<string?>(sent, received);
        Assert.Equal(1, maxConcurrent);
        Assert.Empty(harness.Outbox.Violations);
    }

    [Fact]
    public async Task ExecuteAsync_CallWithMessagesQueued_EachDeliveredGoesStraightOnToTheCallsNext()
    {
        await using var harness = new WebhookHarness(keys.Keys);
        var sent = Enumerable.Range(0, 5).Select(_ => harness.Add("call-a", _receiver.Url("a")).Message.Id).ToList();
        var other = harness.Add("call-b", _receiver.Url("b")).Message.Id;

        await harness.StartAsync();
        var received = new List<ReceivedWebhook>();
        for (var i = 0; i < 6; i++)
        {
            received.Add(await _receiver.NextAsync());
            Assert.Equal(Outcome.Delivered, (await harness.Outbox.NextSettlementAsync()).Outcome);
        }

        Assert.Equal<string?>(sent, received.Where(r => r.Path == "a").Select(r => r.NotificationId));
        Assert.Equal([other], received.Where(r => r.Path == "b").Select(r => r.NotificationId));
        // Call A's second to fifth came from reading call A alone, after each delivery, not from reads of every call.
        Assert.Equal(4, harness.Outbox.CallHeadsHandedOut);
        Assert.Empty(harness.Outbox.Violations);
    }

    [Fact]
    public async Task ExecuteAsync_OneCallsReceiverStalls_OtherCallsKeepFlowing()
    {
        var releaseA = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Respond = (received, context) =>
            received.Path == "a" ? releaseA.Task.WaitAsync(context.RequestAborted) : Task.FromResult(StatusCodes.Status202Accepted);
        await using var harness = new WebhookHarness(keys.Keys);
        var a1 = harness.Add("call-a", _receiver.Url("a")).Message.Id;
        var a2 = harness.Add("call-a", _receiver.Url("a")).Message.Id;
        var b = Enumerable.Range(0, 3).Select(_ => harness.Add("call-b", _receiver.Url("b")).Message.Id).ToList();

        await harness.StartAsync();
        var whileStalled = new List<ReceivedWebhook>();
        for (var i = 0; i < 4; i++)
        {
            whileStalled.Add(await _receiver.NextAsync());
        }

        // All of call B went through while A's first message was still waiting for its answer.
        Assert.Equal([a1], whileStalled.Where(r => r.Path == "a").Select(r => r.NotificationId));
        Assert.Equal(b, whileStalled.Where(r => r.Path == "b").Select(r => r.NotificationId));

        releaseA.SetResult(StatusCodes.Status202Accepted);
        Assert.Equal(a2, (await _receiver.NextAsync()).NotificationId);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Outcome.Delivered, (await harness.Outbox.NextSettlementAsync()).Outcome);
        }

        Assert.Empty(harness.Outbox.Violations);
    }

    [Fact]
    public async Task ExecuteAsync_ReadOvertakenByTheCallsDelivery_StaleHeadNotPostedAgain()
    {
        // The race seen in the field: an outbox read starts while call A's POST is in flight, A's delivery then
        // settles and leaves the in-flight set, and the read returns A's (now delivered) message as due.
        var releaseA = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Respond = (_, context) => releaseA.Task.WaitAsync(context.RequestAborted);
        await using var harness = new WebhookHarness(keys.Keys);
        var (sequence, message) = harness.Add("call-a", _receiver.Url("a"));
        await harness.StartAsync();
        Assert.Equal(message.Id, (await _receiver.NextAsync()).NotificationId);

        var readHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Outbox.HoldNextRead = async () =>
        {
            readHeld.TrySetResult();
            releaseA.SetResult(StatusCodes.Status202Accepted);
            var settled = await harness.Outbox.NextSettlementAsync();
            Assert.Equal((sequence, Outcome.Delivered), (settled.Sequence, settled.Outcome));

            // Let the delivery's own bookkeeping (leaving the in-flight set) finish before the stale read returns.
            await Task.Delay(200);
        };
        harness.Service.Notify();
        await readHeld.Task.WaitAsync(TimeSpan.FromSeconds(5));

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty(_receiver.Drain());
        Assert.Empty(harness.Outbox.Violations);
    }

    [Fact]
    public async Task ExecuteAsync_ManyCalls_PostsInParallelUpToMaxConcurrency()
    {
        var concurrent = 0;
        var maxConcurrent = 0;
        var twoInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Respond = async (_, context) =>
        {
            var now = Interlocked.Increment(ref concurrent);
            InterlockedMax(ref maxConcurrent, now);
            if (now == 2)
            {
                twoInFlight.TrySetResult();
            }

            // Each request waits until two are open at once: a one-at-a-time sender would never get here.
            await twoInFlight.Task.WaitAsync(context.RequestAborted);
            await Task.Delay(20, context.RequestAborted);
            Interlocked.Decrement(ref concurrent);
            return StatusCodes.Status204NoContent;
        };
        await using var harness = new WebhookHarness(keys.Keys, settings: new Dictionary<string, string?> { ["Hark:Webhooks:MaxConcurrency"] = "2" });
        for (var i = 0; i < 6; i++)
        {
            harness.Add("call-" + i, _receiver.Url("c" + i));
        }

        await harness.StartAsync();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(Outcome.Delivered, (await harness.Outbox.NextSettlementAsync()).Outcome);
        }

        Assert.Equal(2, maxConcurrent);
        Assert.Equal(6, _receiver.Drain().Count);
    }

    [Fact]
    public async Task ExecuteAsync_ManyCallsInterleaved_EachCallsOrderKeptAndNothingDuplicated()
    {
        const int Calls = 12, PerCall = 8;
        await using var harness = new WebhookHarness(keys.Keys, settings: new Dictionary<string, string?> { ["Hark:Webhooks:MaxConcurrency"] = "8" });
        var sent = new Dictionary<string, List<string?>>();
        for (var i = 0; i < PerCall; i++)
        {
            for (var call = 0; call < Calls; call++)
            {
                var path = "c" + call;
                var id = harness.Add("call-" + call, _receiver.Url(path)).Message.Id;
                (sent.TryGetValue(path, out var ids) ? ids : sent[path] = []).Add(id);
            }
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await harness.StartAsync();
        var arrivals = new List<ReceivedWebhook>();
        for (var i = 0; i < Calls * PerCall; i++)
        {
            arrivals.Add(await _receiver.NextAsync());
        }

        stopwatch.Stop();
        foreach (var (path, ids) in sent)
        {
            Assert.Equal(ids, arrivals.Where(a => a.Path == path).Select(a => a.NotificationId));
        }

        output.WriteLine($"{Calls * PerCall} notifications over {Calls} calls in {stopwatch.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task ExecuteAsync_ServerErrorThenSuccess_RetriesOnceWithTheSameNotificationId()
    {
        var calls = 0;
        _receiver.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK);
        await using var harness = new WebhookHarness(keys.Keys);
        var (first, firstMessage) = harness.Add("call-a", _receiver.Url("a"));
        var second = harness.Add("call-a", _receiver.Url("a")).Message.Id;

        await harness.StartAsync();
        var arrivals = new[] { await _receiver.NextAsync(), await _receiver.NextAsync(), await _receiver.NextAsync() };

        Assert.Equal([firstMessage.Id, firstMessage.Id, second], arrivals.Select(a => a.NotificationId));
        var failed = await harness.Outbox.NextSettlementAsync();
        Assert.Equal((first, Outcome.Rescheduled, 1), (failed.Sequence, failed.Outcome, failed.Attempts));
        Assert.Contains("500", failed.Error, StringComparison.Ordinal);
        var delivered = await harness.Outbox.NextSettlementAsync();
        Assert.Equal((first, Outcome.Delivered, 2), (delivered.Sequence, delivered.Outcome, delivered.Attempts));
        Assert.Equal(Outcome.Delivered, (await harness.Outbox.NextSettlementAsync()).Outcome);
        Assert.Empty(_receiver.Drain());
    }

    [Fact]
    public async Task ExecuteAsync_ReceiverAlwaysFails_AbandonsAfterMaxAttemptsThenSendsTheNext()
    {
        _receiver.Respond = (received, _) =>
            Task.FromResult(received.Path == "down" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status202Accepted);
        await using var harness = new WebhookHarness(keys.Keys, settings: new Dictionary<string, string?> { ["Hark:Webhooks:MaxAttempts"] = "3" });
        var (doomed, doomedMessage) = harness.Add("call-a", _receiver.Url("down"));
        var next = harness.Add("call-a", _receiver.Url("up")).Message.Id;

        await harness.StartAsync();
        var arrivals = new List<ReceivedWebhook>();
        for (var i = 0; i < 4; i++)
        {
            arrivals.Add(await _receiver.NextAsync());
        }

        Assert.Equal([doomedMessage.Id, doomedMessage.Id, doomedMessage.Id, next], arrivals.Select(a => a.NotificationId));
        var settlements = new List<FakeNotificationOutbox.Settlement>();
        for (var i = 0; i < 4; i++)
        {
            settlements.Add(await harness.Outbox.NextSettlementAsync());
        }

        Assert.Equal(
            [(Outcome.Rescheduled, 1), (Outcome.Rescheduled, 2), (Outcome.Abandoned, 3), (Outcome.Delivered, 1)],
            settlements.Select(s => (s.Outcome, s.Attempts)));
        var (state, attempts, errors) = harness.Outbox.Inspect(doomed);
        Assert.Equal((Outcome.Abandoned, 3), (state, attempts));
        Assert.All(errors, e => Assert.Contains("503", e, StringComparison.Ordinal));
        Assert.Empty(harness.Outbox.Violations);
    }

    [Fact]
    public async Task ExecuteAsync_ReceiverNeverAnswers_TimeoutCountsAsFailedAttempt()
    {
        var calls = 0;
        _receiver.Respond = async (_, context) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            return StatusCodes.Status202Accepted;
        };
        await using var harness = new WebhookHarness(keys.Keys, settings: new Dictionary<string, string?> { ["Hark:Webhooks:Timeout"] = "00:00:01" });
        var (sequence, message) = harness.Add("call-a", _receiver.Url("a"));

        await harness.StartAsync();
        var failed = await harness.Outbox.NextSettlementAsync();
        var delivered = await harness.Outbox.NextSettlementAsync();

        Assert.Equal((sequence, Outcome.Rescheduled, 1), (failed.Sequence, failed.Outcome, failed.Attempts));
        Assert.Contains("within 1 s", failed.Error, StringComparison.Ordinal);
        Assert.Equal((sequence, Outcome.Delivered, 2), (delivered.Sequence, delivered.Outcome, delivered.Attempts));
        Assert.Equal([message.Id, message.Id], _receiver.Drain().Select(r => r.NotificationId));
    }

    [Fact]
    public async Task StopAsync_PostInFlight_ReturnsAndLeavesTheMessagePending()
    {
        _receiver.Respond = async (_, context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return StatusCodes.Status202Accepted;
        };
        await using var harness = new WebhookHarness(keys.Keys);
        var (sequence, _) = harness.Add("call-a", _receiver.Url("a"));
        await harness.StartAsync();
        await _receiver.NextAsync();

        await harness.Service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        var (state, attempts, _) = harness.Outbox.Inspect(sequence);
        Assert.Null(state);
        Assert.Equal(0, attempts);
    }

    [Fact]
    public async Task StopAsync_PostInFlightWithinGrace_FinishesAndIsSettledDelivered()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Respond = async (_, _) =>
        {
            arrived.TrySetResult();
            await Task.Delay(300);
            return StatusCodes.Status202Accepted;
        };
        await using var harness = new WebhookHarness(keys.Keys, settings: new Dictionary<string, string?> { ["Hark:Webhooks:ShutdownGrace"] = "00:00:05" });
        var (sequence, _) = harness.Add("call-a", _receiver.Url("a"));
        await harness.StartAsync();
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(5));

        await harness.Service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        var settled = await harness.Outbox.NextSettlementAsync();
        Assert.Equal((sequence, Outcome.Delivered), (settled.Sequence, settled.Outcome));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
