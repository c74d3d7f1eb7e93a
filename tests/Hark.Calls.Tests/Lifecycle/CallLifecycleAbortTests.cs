using Hark.Calls.Lifecycle;

namespace Hark.Calls.Tests.Lifecycle;

public sealed class CallLifecycleAbortTests
{
    [Fact]
    public void Abort_Established_EndsMediaHangsUpAndTerminatesWithResult()
    {
        var call = CallLifecycle.Offer(out _);
        call.Answer();
        call.MediaConnected();

        var t = call.Abort(CallResultCodes.ServerStopped);

        Assert.Equal(CallState.Terminated, call.State);
        Assert.Equal(CallResultCodes.ServerStopped, call.Result);
        Assert.Equal<CallDecision>(
            [
                EndMediaDecision.HungUp,
                new TransportDecision(TransportAction.HangUp),
                new CallNotification(CallChangeType.Deleted, CallState.Terminated, CallResultCodes.ServerStopped),
            ],
            t.Decisions);
    }

    [Fact]
    public void MediaTimedOut_Established_EndsMediaAsLostAndTerminatesWithMediaTimeout()
    {
        var call = CallLifecycle.Offer(out _);
        call.Answer();
        call.MediaConnected();

        var t = call.MediaTimedOut();

        Assert.Equal(CallResultCodes.MediaTimeout, call.Result);
        Assert.Equal<CallDecision>(
            [
                EndMediaDecision.MediaLost,
                new TransportDecision(TransportAction.HangUp),
                new CallNotification(CallChangeType.Deleted, CallState.Terminated, CallResultCodes.MediaTimeout),
            ],
            t.Decisions);
    }

    [Fact]
    public void Abort_Ringing_CancelsAnswerTimerInsteadOfEndingMedia()
    {
        var call = CallLifecycle.Offer(out _);

        var t = call.Abort(CallResultCodes.ServerStopped);

        Assert.Equal<CallDecision>(
            [
                new CancelTimerDecision(CallTimer.Answer),
                new TransportDecision(TransportAction.HangUp),
                new CallNotification(CallChangeType.Deleted, CallState.Terminated, CallResultCodes.ServerStopped),
            ],
            t.Decisions);
    }

    [Fact]
    public void Abort_AlreadyTerminated_RefusedAsCallEnded()
    {
        var call = CallLifecycle.Offer(out _);
        call.Reject(CallRejectReason.Busy);

        var t = call.Abort(CallResultCodes.ServerStopped);

        Assert.Equal(CallCommandError.CallEnded, t.Error);
        Assert.Empty(t.Decisions);
    }
}
