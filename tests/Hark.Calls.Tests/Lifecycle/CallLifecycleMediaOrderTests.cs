using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Calls.Tests.Media;

namespace Hark.Calls.Tests.Lifecycle;

/// <summary>Carries decisions out in order against a real media engine, as the call's actor will.</summary>
public sealed class CallLifecycleMediaOrderTests
{
    [Fact]
    public void RemoteHungUp_MidRecording_RecordCompletionNotifiedBeforeTerminated()
    {
        var harness = new MediaHarness();
        var call = CallLifecycleIncomingTests.Established();
        var audio = new CallerAudio(8000, 4).Speech(1.0, 3.0).ToPcm16();
        harness.Processor.EnqueueRecord("r", new RecordRequest { PlayBeep = false, MaxRecordDurationInSeconds = 30, MaxSilenceTimeoutInSeconds = 10 });
        harness.RunFrames(audio, 100);
        Assert.Empty(harness.Completions());

        var log = Apply(call.RemoteHungUp(), harness.Processor);

        var recordIndex = log.FindIndex(e => e is OperationCompletedEvent { OperationId: "r" });
        var terminatedIndex = log.FindIndex(e => e is CallNotification { State: CallState.Terminated });
        Assert.InRange(recordIndex, 0, terminatedIndex - 1);
        var record = (OperationCompletedEvent)log[recordIndex];
        Assert.Equal(MediaCompletionReason.CallerHungUp, record.Reason);
        Assert.NotNull(record.Recording);
        Assert.True(harness.Processor.IsEnded);
    }

    [Fact]
    public void HangUp_MidRecording_RecordCompletionNotifiedBeforeTerminating()
    {
        var harness = new MediaHarness();
        var call = CallLifecycleIncomingTests.Established();
        var audio = new CallerAudio(8000, 4).Speech(1.0, 3.0).ToPcm16();
        harness.Processor.EnqueueRecord("r", new RecordRequest { PlayBeep = false, MaxRecordDurationInSeconds = 30, MaxSilenceTimeoutInSeconds = 10 });
        harness.RunFrames(audio, 100);

        var log = Apply(call.HangUp(), harness.Processor);
        log.AddRange(Apply(call.HangUpCompleted(), harness.Processor));

        var recordIndex = log.FindIndex(e => e is OperationCompletedEvent { OperationId: "r" });
        var terminatingIndex = log.FindIndex(e => e is CallNotification { State: CallState.Terminating });
        var terminatedIndex = log.FindIndex(e => e is CallNotification { State: CallState.Terminated });
        Assert.True(recordIndex >= 0 && recordIndex < terminatingIndex && terminatingIndex < terminatedIndex);
    }

    private static List<object> Apply(CallTransition transition, CallMediaProcessor media)
    {
        Assert.True(transition.Succeeded);
        var log = new List<object>();
        foreach (var decision in transition.Decisions)
        {
            if (decision is EndMediaDecision)
            {
                media.CallEnded();
                while (media.TryRead(out var e))
                {
                    log.Add(e);
                }
            }
            else
            {
                log.Add(decision);
            }
        }

        return log;
    }
}
