using Hark.Calls.Lifecycle;

namespace Hark.Calls.Tests.Lifecycle;

public sealed class CallLifecycleOutgoingTests
{
    [Fact]
    public void Dial_NewCall_EstablishingOutgoingAndTransportDials()
    {
        var call = CallLifecycle.Dial(out var t);

        Assert.Equal(CallState.Establishing, call.State);
        Assert.Equal(CallDirection.Outgoing, call.Direction);
        Assert.Equal<CallDecision>(
            [new TransportDecision(TransportAction.Dial), new CallNotification(CallChangeType.Updated, CallState.Establishing)],
            t.Decisions);
    }

    [Fact]
    public void RemoteAnswered_Dialling_EstablishedWithAudioActive()
    {
        var call = CallLifecycle.Dial(out _);

        var t = call.RemoteAnswered();

        Assert.Equal(CallState.Established, call.State);
        Assert.Equal<CallDecision>(
            [
                new CallNotification(CallChangeType.Updated, CallState.Established, AudioActive: true),
                new StartTimerDecision(CallTimer.KeepAlive, TimeSpan.FromMinutes(45)),
            ],
            t.Decisions);
    }

    [Theory]
    [InlineData(DialFailure.Busy, 486, 8602)]
    [InlineData(DialFailure.NoAnswer, 408, 8603)]
    [InlineData(DialFailure.Declined, 603, 8604)]
    [InlineData(DialFailure.Unreachable, 480, 10037)]
    public void DialFailed_Dialling_TerminatedWithDocumentedCode(DialFailure failure, int code, int subcode)
    {
        var call = CallLifecycle.Dial(out _);

        var t = call.DialFailed(failure);

        Assert.Equal(CallState.Terminated, call.State);
        Assert.Equal((code, subcode), (call.Result!.Code, call.Result.Subcode));
        Assert.Equal<CallDecision>([new CallNotification(CallChangeType.Deleted, CallState.Terminated, call.Result)], t.Decisions);
    }

    [Fact]
    public void HangUp_Dialling_TerminatingThenEndedByBot()
    {
        var call = CallLifecycle.Dial(out _);

        var hangUp = call.HangUp();
        var done = call.HangUpCompleted();

        Assert.Contains(new TransportDecision(TransportAction.HangUp), hangUp.Decisions);
        Assert.True(done.Succeeded);
        Assert.Equal(CallState.Terminated, call.State);
        Assert.Equal(7000, call.Result!.Subcode);
    }

    [Fact]
    public void RemoteHungUp_Established_EndsMediaThenTerminated4521()
    {
        var call = CallLifecycle.Dial(out _);
        call.RemoteAnswered();

        var t = call.RemoteHungUp();

        Assert.Equal(EndMediaDecision.HungUp, t.Decisions[0]);
        Assert.Equal(4521, call.Result!.Subcode);
    }

    [Fact]
    public void TimerExpired_Outgoing_Ignored()
    {
        var call = CallLifecycle.Dial(out _);

        var t = call.TimerExpired(CallTimer.Answer);

        Assert.True(t.Succeeded);
        Assert.Empty(t.Decisions);
        Assert.Equal(CallState.Establishing, call.State);
    }
}
