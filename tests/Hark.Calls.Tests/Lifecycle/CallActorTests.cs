using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Calls.Tests.Media;

namespace Hark.Calls.Tests.Lifecycle;

public sealed class CallActorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_AnswerRecordCallerHangsUp_NotificationsInOrderAndLoopEnds()
    {
        var (actor, sink, _) = Create();
        var run = actor.RunAsync(CancellationToken.None);
        var audio = new CallerAudio(8000, 4).Speech(1.0, 3.0).ToPcm16();

        Assert.Equal(CallCommandError.None, await actor.ExecuteAsync(c => c.Answer()).WaitAsync(Timeout));
        Assert.Equal(CallCommandError.None, await actor.ExecuteAsync(c => c.MediaConnected()).WaitAsync(Timeout));
        var record = new RecordRequest { PlayBeep = false, MaxRecordDurationInSeconds = 30, MaxSilenceTimeoutInSeconds = 10 };
        Assert.Equal(CallCommandError.None, await actor.ExecuteMediaAsync(m => m.EnqueueRecord("r", record)).WaitAsync(Timeout));
        var outbound = new short[160];
        var answered = 0;
        for (var f = 0; f < 100; f++)
        {
            answered += actor.ProcessFrame(audio.AsSpan(f * 160, 160), outbound) ? 1 : 0;
        }

        Assert.Equal(CallCommandError.None, await actor.ExecuteAsync(c => c.RemoteHungUp()).WaitAsync(Timeout));
        await run.WaitAsync(Timeout);

        var states = sink.Log.OfType<CallNotification>().Select(n => n.State).ToList();
        Assert.Equal([CallState.Incoming, CallState.Establishing, CallState.Established, CallState.Terminated], states);
        var recordIndex = sink.Log.FindIndex(e => e is OperationCompletedEvent { OperationId: "r", Reason: MediaCompletionReason.CallerHungUp });
        var terminatedIndex = sink.Log.FindIndex(e => e is CallNotification { State: CallState.Terminated });
        Assert.InRange(recordIndex, 0, terminatedIndex - 1);
        Assert.Equal(100, answered);
        Assert.Equal(CallCommandError.CallEnded, await actor.ExecuteAsync(c => c.KeepAlive()).WaitAsync(Timeout));
        Assert.False(actor.ProcessFrame(audio.AsSpan(0, 160), outbound));
    }

    [Fact]
    public async Task ExecuteMediaAsync_BeforeEstablished_InvalidStateAndEngineUntouched()
    {
        var (actor, _, media) = Create();
        using var cts = new CancellationTokenSource();
        var run = actor.RunAsync(cts.Token);

        var error = await actor.ExecuteMediaAsync(m => m.SubscribeToTones()).WaitAsync(Timeout);

        Assert.Equal(CallCommandError.InvalidState, error);
        Assert.False(media.IsSubscribedToTones);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Timeout));
    }

    [Fact]
    public async Task ExecuteAsync_InvalidCommand_ErrorReturnedAndCallGoesOn()
    {
        var (actor, sink, _) = Create();
        using var cts = new CancellationTokenSource();
        var run = actor.RunAsync(cts.Token);

        var first = await actor.ExecuteAsync(c => c.MediaConnected()).WaitAsync(Timeout);
        var answer = await actor.ExecuteAsync(c => c.Answer()).WaitAsync(Timeout);

        Assert.Equal(CallCommandError.InvalidState, first);
        Assert.Equal(CallCommandError.None, answer);
        Assert.Contains(new TransportDecision(TransportAction.Accept), sink.Log);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Timeout));
    }

    [Fact]
    public async Task ExecuteMediaAsync_EngineRejectsArguments_TaskFaultsAndLoopKeepsRunning()
    {
        var (actor, _, _) = Create();
        using var cts = new CancellationTokenSource();
        var run = actor.RunAsync(cts.Token);
        await actor.ExecuteAsync(c => c.Answer()).WaitAsync(Timeout);
        await actor.ExecuteAsync(c => c.MediaConnected()).WaitAsync(Timeout);

        var bad = actor.ExecuteMediaAsync(m => m.EnqueuePlayPrompt("p", promptCount: 0));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => bad.WaitAsync(Timeout));
        Assert.Equal(CallCommandError.None, await actor.ExecuteAsync(c => c.HangUp()).WaitAsync(Timeout));
        Assert.Equal(CallCommandError.None, await actor.ExecuteAsync(c => c.HangUpCompleted()).WaitAsync(Timeout));
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task RunAsync_AnswerTimerExpires_TerminatedAndLoopEnds()
    {
        var (actor, sink, _) = Create();
        var run = actor.RunAsync(CancellationToken.None);

        await actor.ExecuteAsync(c => c.TimerExpired(CallTimer.Answer)).WaitAsync(Timeout);
        await run.WaitAsync(Timeout);

        var last = Assert.IsType<CallNotification>(sink.Log[^1]);
        Assert.Equal(CallResultCodes.AnswerTimeout, last.Result);
    }

    private static (CallActor Actor, RecordingCallEventSink Sink, CallMediaProcessor Media) Create()
    {
        var lifecycle = CallLifecycle.Offer(out var initial);
        var media = new CallMediaProcessor(8000, new MemoryRecordingSink());
        var sink = new RecordingCallEventSink();
        return (new CallActor(lifecycle, initial, media, sink), sink, media);
    }
}
