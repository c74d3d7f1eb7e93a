using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hark.Telephony.Tests;

/// <summary>The media engine's threads on a fake clock: who owns which session, removal, failures, holds and lag.</summary>
public sealed class MediaShardTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger<MediaPacer> _logger = new();
    private readonly List<MediaPacer> _pacers = [];

    public void Dispose()
    {
        foreach (var pacer in _pacers)
        {
            pacer.Dispose();
        }
    }

    [Fact]
    public void Threads_DefaultZero_OnePerProcessor()
    {
        var pacer = Start(threads: 0);

        Assert.Equal(Environment.ProcessorCount, pacer.Threads);
    }

    [Fact]
    public async Task Add_FourSessionsOnTwoThreads_TwoPerShardEachTickedOnlyOnItsOwnThread()
    {
        var pacer = Start(threads: 2);
        var sessions = Enumerable.Range(0, 4).Select(_ => new CountingSession()).ToList();
        foreach (var session in sessions)
        {
            pacer.Add(session);
        }

        await AdvanceAsync(3, () => sessions.All(s => s.Ticks >= 3));

        Assert.Equal([2, 2], pacer.ShardLoads);
        var threads = sessions.Select(pacer.ThreadOf).ToList();
        Assert.Equal(2, threads.Distinct().Count());
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, threads);
        for (var i = 0; i < sessions.Count; i++)
        {
            Assert.Equal(threads[i], sessions[i].Thread);
        }
    }

    [Fact]
    public async Task Add_AfterARemoval_GoesToTheShardWithFewest()
    {
        var pacer = Start(threads: 2);
        var a = new CountingSession();
        var b = new CountingSession();
        var c = new CountingSession();
        pacer.Add(a);
        pacer.Add(b);
        pacer.Add(c);
        Assert.Equal([2, 1], pacer.ShardLoads);

        pacer.Remove(a);
        pacer.Remove(c);
        Assert.Equal([0, 1], pacer.ShardLoads);
        var d = new CountingSession();
        pacer.Add(d);

        Assert.Equal([1, 1], pacer.ShardLoads);
        await AdvanceAsync(2, () => b.Ticks >= 2 && d.Ticks >= 2);
        Assert.NotEqual(pacer.ThreadOf(b), pacer.ThreadOf(d));
        Assert.Equal(0, a.Ticks + c.Ticks);
    }

    [Fact]
    public async Task Remove_OneOfTwoOnAShard_NoLongerTickedTheOtherGoesOn()
    {
        var pacer = Start(threads: 1);
        var kept = new CountingSession();
        var removed = new CountingSession();
        pacer.Add(kept);
        pacer.Add(removed);
        await AdvanceAsync(2, () => kept.Ticks >= 2 && removed.Ticks >= 2);

        pacer.Remove(removed);
        var atRemoval = removed.Ticks;
        var keptAt = kept.Ticks;
        await AdvanceAsync(3, () => kept.Ticks >= keptAt + 3);

        Assert.Equal(atRemoval, removed.Ticks);
        Assert.Equal(1, pacer.Count);
    }

    [Fact]
    public async Task Tick_SessionEnds_RemovedFromItsShard()
    {
        var pacer = Start(threads: 1);
        var ending = new CountingSession { EndsAt = 2 };
        var other = new CountingSession();
        pacer.Add(ending);
        pacer.Add(other);

        await AdvanceAsync(4, () => other.Ticks >= 4);

        Assert.Equal(2, ending.Ticks);
        Assert.Equal([1], pacer.ShardLoads);
    }

    [Fact]
    public async Task Tick_SessionThrowsOnTheSameShard_LoggedAndTheShardGoesOn()
    {
        var pacer = Start(threads: 1);
        var failing = new CountingSession { Throws = true };
        var healthy = new CountingSession();
        pacer.Add(failing);
        pacer.Add(healthy);

        await AdvanceAsync(4, () => healthy.Ticks >= 4);

        Assert.Equal(failing.Thread, healthy.Thread);
        Assert.Equal(4, failing.Ticks);
        Assert.Equal(4, _logger.Entries.Count(e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException));
    }

    [Fact]
    public async Task Hold_TwoShards_NeitherTicksUntilReleasedThenBothCatchUp()
    {
        var pacer = Start(threads: 2);
        var first = new CountingSession();
        var second = new CountingSession();
        pacer.Add(first);
        pacer.Add(second);
        await AdvanceAsync(2, () => first.Ticks >= 2 && second.Ticks >= 2);

        var hold = pacer.Hold();
        var (firstAt, secondAt) = (first.Ticks, second.Ticks);
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(MediaPacer.FrameDuration);
            await Task.Delay(5);
        }

        Assert.Equal(firstAt, first.Ticks);
        Assert.Equal(secondAt, second.Ticks);
        hold.Dispose();

        // The ten frames that passed while held run back to back (within the catch-up bound).
        await WaitUntilAsync(() => first.Ticks >= firstAt + 10 && second.Ticks >= secondAt + 10);
    }

    [Fact]
    public async Task Lag_OneShardLateTheOtherIdle_TheWorstShardsLag()
    {
        var pacer = Start(threads: 2);
        var session = new CountingSession();
        pacer.Add(session);
        await AdvanceAsync(1, () => session.Ticks >= 1);

        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => session.Ticks > 1);

        Assert.Equal([1, 0], pacer.ShardLoads);
        Assert.InRange(pacer.Lag.TotalMilliseconds, 900, 1000);
    }

    [Fact]
    public async Task Lag_StallLongerThanTheCatchUpBound_SkipsTheRestAndRunsFiftyBackToBack()
    {
        var pacer = Start(threads: 1);
        var session = new CountingSession();
        pacer.Add(session);
        await AdvanceAsync(1, () => session.Ticks >= 1);
        var before = session.Ticks;

        _time.Advance(TimeSpan.FromSeconds(3));
        await WaitUntilAsync(() => session.Ticks >= before + MediaPacer.MaxCatchUpFrames);
        await Task.Delay(50);

        Assert.Equal(before + MediaPacer.MaxCatchUpFrames, session.Ticks);
    }

    private MediaPacer Start(int threads)
    {
        var pacer = new MediaPacer(_time, _logger, Options.Create(new MediaEngineOptions { Threads = threads }));
        _pacers.Add(pacer);
        pacer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return pacer;
    }

    // As in MediaPacerTests: one frame at a time, each advance waited on until the shards have ticked for it.
    private async Task AdvanceAsync(int frames, Func<bool> done)
    {
        for (var i = 0; i < frames * 20 && !done(); i++)
        {
            await Task.Delay(5);
            _time.Advance(MediaPacer.FrameDuration);
            for (var wait = 0; wait < 20 && !done(); wait++)
            {
                await Task.Delay(10);
            }
        }

        await WaitUntilAsync(done);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
