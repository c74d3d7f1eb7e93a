using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Calls.Tests.Media;
using Hark.Media.Dtmf;
using Hark.Testing;

namespace Hark.Calls.Tests.Lifecycle;

/// <summary>
/// Frames and keys run inline on the caller's (media) thread while the loop owns the lifecycle and the commands: what
/// crosses between them, in what order, and that the per-frame path allocates nothing.
/// </summary>
public sealed class CallActorMediaThreadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly short[] Speech = new CallerAudio(8000, 8).Speech(0.5, 7.5).ToPcm16();

    [Fact]
    public async Task ProcessKey_StopToneWhileRecording_CompletionReachesTheSinkThroughTheLoop()
    {
        var (actor, sink, media, run) = await EstablishedAsync();
        await actor.ExecuteMediaAsync(m => m.EnqueueRecord("r", Record())).WaitAsync(Timeout);
        var outbound = new short[160];
        for (var f = 0; f < 150; f++)
        {
            Assert.True(actor.ProcessFrame(Speech.AsSpan(f * 160, 160), outbound));
        }

        actor.ProcessKey(DtmfKey.Pound, 140 * 160);

        var done = await WaitForAsync(sink, e => e is OperationCompletedEvent { OperationId: "r" });
        Assert.Equal(MediaCompletionReason.StopToneDetected, ((OperationCompletedEvent)done).Reason);
        Assert.Equal(0, media.PendingOperations);
        await actor.ExecuteAsync(c => c.RemoteHungUp()).WaitAsync(Timeout);
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task ProcessFrame_MediaThreadRunsWhileTheLoopQueuesPrompts_EachCompletesOnceInQueueOrder()
    {
        var (actor, sink, _, run) = await EstablishedAsync();
        using var stop = new CancellationTokenSource();
        var frames = 0;
        var mediaThread = new Thread(() =>
        {
            var inbound = new short[160];
            var outbound = new short[160];
            while (!stop.IsCancellationRequested && actor.ProcessFrame(inbound, outbound))
            {
                Interlocked.Increment(ref frames);
            }
        });
        mediaThread.Start();

        var ids = Enumerable.Range(0, 20).Select(i => $"p{i}").ToList();
        foreach (var id in ids)
        {
            Assert.Equal(CallCommandError.None, await actor.ExecuteMediaAsync(m =>
            {
                m.EnqueuePlayPrompt(id, 1);
                m.PromptLoaded(id, 0, new short[320]);
            }).WaitAsync(Timeout));
        }

        await WaitForAsync(sink, e => e is OperationCompletedEvent { OperationId: "p19" });
        await stop.CancelAsync();
        mediaThread.Join();
        await actor.ExecuteAsync(c => c.RemoteHungUp()).WaitAsync(Timeout);
        await run.WaitAsync(Timeout);

        var completed = sink.Log.OfType<OperationCompletedEvent>().ToList();
        Assert.Equal(ids, completed.Select(e => e.OperationId));
        Assert.All(completed, e => Assert.Equal(MediaCompletionReason.CompletedSuccessfully, e.Reason));
        Assert.True(Volatile.Read(ref frames) >= 40);
    }

    [Fact]
    public async Task RunAsync_CallerHangsUpWhileTheMediaThreadRecords_CompletionBeforeTerminatedAndFramesRefusedAfter()
    {
        var (actor, sink, _, run) = await EstablishedAsync();
        await actor.ExecuteMediaAsync(m => m.EnqueueRecord("r", Record())).WaitAsync(Timeout);
        var processed = new ManualResetEventSlim();
        var refused = false;
        var mediaThread = new Thread(() =>
        {
            var outbound = new short[160];
            for (var f = 0; ; f = (f + 1) % 300)
            {
                if (!actor.ProcessFrame(Speech.AsSpan(f * 160, 160), outbound))
                {
                    refused = true;
                    return;
                }

                if (f == 100)
                {
                    processed.Set();
                }

                // About a frame a millisecond: the recording must not reach its cap before the hang-up is processed.
                Thread.Sleep(1);
            }
        });
        mediaThread.Start();
        Assert.True(processed.Wait(Timeout));

        await actor.ExecuteAsync(c => c.RemoteHungUp()).WaitAsync(Timeout);
        await run.WaitAsync(Timeout);
        Assert.True(mediaThread.Join(Timeout));

        Assert.True(refused);
        var log = sink.Log;
        var recordIndex = log.FindIndex(e => e is OperationCompletedEvent { OperationId: "r", Reason: MediaCompletionReason.CallerHungUp });
        var terminatedIndex = log.FindIndex(e => e is CallNotification { State: CallState.Terminated });
        Assert.InRange(recordIndex, 0, terminatedIndex - 1);
    }

    [Fact]
    public void ProcessFrame_WrongLength_Throws()
    {
        var media = new CallMediaProcessor(8000, new MemoryRecordingSink());
        var actor = new CallActor(CallLifecycle.Offer(out var initial), initial, media, new RecordingCallEventSink());

        Assert.Throws<ArgumentException>(() => actor.ProcessFrame(new short[100], new short[160]));
    }

    [Fact]
    public async Task ProcessFrame_WhileRecording_AllocatesNothingAndPostsNothing()
    {
        var recordings = new MemoryRecordingSink();
        var (actor, sink, media, run) = await EstablishedAsync(recordings);
        await actor.ExecuteMediaAsync(m => m.EnqueueRecord("r", Record(maxDuration: 60))).WaitAsync(Timeout);
        var outbound = new short[160];
        var next = 0;

        // Half a second of quiet, then speech starts the recording (its writer allocated) before the measured rounds,
        // which then write into it: 60 + 6 × 40 frames, all inside the 7.5 s of audio.
        Frames(60);
        var allocated = Allocations.Least(() => Frames(40));
        var before = sink.Log.Count;

        Assert.Equal(1, media.PendingOperations);
        Assert.Equal(["r"], recordings.Opened);
        Assert.Equal(0, allocated);
        Assert.Equal(before, sink.Log.Count);
        await actor.ExecuteAsync(c => c.RemoteHungUp()).WaitAsync(Timeout);
        await run.WaitAsync(Timeout);

        void Frames(int count)
        {
            for (var i = 0; i < count; i++, next++)
            {
                actor.ProcessFrame(Speech.AsSpan(160 * next, 160), outbound);
            }
        }
    }

    private static RecordRequest Record(int maxDuration = 30) => new()
    {
        PlayBeep = false,
        MaxRecordDurationInSeconds = maxDuration,
        MaxSilenceTimeoutInSeconds = 10,
        StopTones = [DtmfKey.Pound],
    };

    private static async Task<(CallActor Actor, RecordingCallEventSink Sink, CallMediaProcessor Media, Task Run)> EstablishedAsync(
        MemoryRecordingSink? recordings = null)
    {
        var lifecycle = CallLifecycle.Offer(out var initial);
        var media = new CallMediaProcessor(8000, recordings ?? new MemoryRecordingSink());
        var sink = new RecordingCallEventSink();
        var actor = new CallActor(lifecycle, initial, media, sink);
        var run = actor.RunAsync(CancellationToken.None);
        Assert.Equal(CallCommandError.None, await actor.ExecuteAsync(c => c.Answer()).WaitAsync(Timeout));
        Assert.Equal(CallCommandError.None, await actor.ExecuteAsync(c => c.MediaConnected()).WaitAsync(Timeout));
        return (actor, sink, media, run);
    }

    private static async Task<object> WaitForAsync(RecordingCallEventSink sink, Func<object, bool> match)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (sink.Log.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The event never reached the sink.");
    }
}
