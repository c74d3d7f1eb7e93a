using Hark.Calls.Lifecycle;

namespace Hark.Calls.Tests.Lifecycle;

public sealed class CallLifecycleIncomingTests
{
    [Fact]
    public void Offer_NewCall_RingsStartsAnswerTimerAndNotifiesCreatedIncoming()
    {
        var call = CallLifecycle.Offer(out var t);

        Assert.Equal(CallState.Incoming, call.State);
        Assert.Equal(CallDirection.Incoming, call.Direction);
        Assert.True(t.Succeeded);
        Assert.Equal<CallDecision>(
            [
                new TransportDecision(TransportAction.SendRinging),
                new StartTimerDecision(CallTimer.Answer, TimeSpan.FromSeconds(15)),
                new CallNotification(CallChangeType.Created, CallState.Incoming),
            ],
            t.Decisions);
    }

    [Fact]
    public void Offer_ConfiguredAnswerTimeout_TimerUsesIt()
    {
        CallLifecycle.Offer(out var t, new CallLifecycleOptions { AnswerTimeout = TimeSpan.FromSeconds(4) });

        Assert.Contains(new StartTimerDecision(CallTimer.Answer, TimeSpan.FromSeconds(4)), t.Decisions);
    }

    [Fact]
    public void Answer_Incoming_CancelsTimerAcceptsAndNotifiesEstablishing()
    {
        var call = CallLifecycle.Offer(out _);

        var t = call.Answer();

        Assert.True(t.Succeeded);
        Assert.Equal(CallState.Establishing, call.State);
        Assert.Equal<CallDecision>(
            [
                new CancelTimerDecision(CallTimer.Answer),
                new TransportDecision(TransportAction.Accept),
                new CallNotification(CallChangeType.Updated, CallState.Establishing),
            ],
            t.Decisions);
    }

    [Fact]
    public void MediaConnected_AfterAnswer_EstablishedWithAudioActive()
    {
        var call = CallLifecycle.Offer(out _);
        call.Answer();

        var t = call.MediaConnected();

        Assert.Equal(CallState.Established, call.State);
        Assert.Equal<CallDecision>(
            [
                new CallNotification(CallChangeType.Updated, CallState.Established, AudioActive: true),
                new StartTimerDecision(CallTimer.KeepAlive, TimeSpan.FromMinutes(45)),
            ],
            t.Decisions);
    }

    [Theory]
    [InlineData(CallRejectReason.None)]
    [InlineData(CallRejectReason.Busy)]
    [InlineData(CallRejectReason.Forbidden)]
    public void Reject_Incoming_TerminatedWithReasonAndNoResultInfo(CallRejectReason reason)
    {
        var call = CallLifecycle.Offer(out _);

        var t = call.Reject(reason);

        Assert.Equal(CallState.Terminated, call.State);
        Assert.Null(call.Result);
        Assert.Equal<CallDecision>(
            [
                new CancelTimerDecision(CallTimer.Answer),
                new TransportDecision(TransportAction.Reject, reason),
                new CallNotification(CallChangeType.Deleted, CallState.Terminated),
            ],
            t.Decisions);
    }

    [Fact]
    public void TimerExpired_Unanswered_TerminatedWithAnswerTimeoutResult()
    {
        var call = CallLifecycle.Offer(out _);

        var t = call.TimerExpired(CallTimer.Answer);

        Assert.Equal(CallState.Terminated, call.State);
        Assert.Equal(480, call.Result!.Code);
        Assert.Equal(8601, call.Result.Subcode);
        Assert.Equal<CallDecision>(
            [
                new TransportDecision(TransportAction.Reject, TimedOut: true),
                new CallNotification(CallChangeType.Deleted, CallState.Terminated, CallResultCodes.AnswerTimeout),
            ],
            t.Decisions);
    }

    [Fact]
    public void TimerExpired_AfterAnswer_IgnoredAndStateKept()
    {
        var call = CallLifecycle.Offer(out _);
        call.Answer();

        var t = call.TimerExpired(CallTimer.Answer);

        Assert.True(t.Succeeded);
        Assert.Empty(t.Decisions);
        Assert.Equal(CallState.Establishing, call.State);
    }

    [Fact]
    public void RemoteHungUp_BeforeAnswer_TerminatedOtherPartyHungUpWithoutEndingMedia()
    {
        var call = CallLifecycle.Offer(out _);

        var t = call.RemoteHungUp();

        Assert.Equal(CallState.Terminated, call.State);
        Assert.Equal<CallDecision>(
            [
                new CancelTimerDecision(CallTimer.Answer),
                new CallNotification(CallChangeType.Deleted, CallState.Terminated, new CallResultInfo(200, 4521, CallResultCodes.RemoteHangUp.Message)),
            ],
            t.Decisions);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RemoteHungUp_Answered_EndsMediaThenNotifiesTerminated4521(bool established)
    {
        var call = CallLifecycle.Offer(out _);
        call.Answer();
        if (established)
        {
            call.MediaConnected();
        }

        var t = call.RemoteHungUp();

        Assert.Equal(CallState.Terminated, call.State);
        Assert.Equal((200, 4521), (call.Result!.Code, call.Result.Subcode));
        Assert.Equal<CallDecision>(
            [EndMediaDecision.HungUp, new CallNotification(CallChangeType.Deleted, CallState.Terminated, call.Result)],
            t.Decisions);
    }

    [Fact]
    public void HangUp_Established_EndsMediaByesAndNotifiesTerminating()
    {
        var call = Established();

        var t = call.HangUp();

        Assert.Equal(CallState.Terminating, call.State);
        Assert.Equal<CallDecision>(
            [
                EndMediaDecision.HungUp,
                new TransportDecision(TransportAction.HangUp),
                new CallNotification(CallChangeType.Updated, CallState.Terminating),
            ],
            t.Decisions);
    }

    [Fact]
    public void HangUpCompleted_Terminating_TerminatedEndedByBot7000()
    {
        var call = Established();
        call.HangUp();

        var t = call.HangUpCompleted();

        Assert.Equal(CallState.Terminated, call.State);
        Assert.Equal((200, 7000), (call.Result!.Code, call.Result.Subcode));
        Assert.Equal<CallDecision>([new CallNotification(CallChangeType.Deleted, CallState.Terminated, call.Result)], t.Decisions);
    }

    [Fact]
    public void RemoteHungUp_WhileTerminating_CompletesTheBotsHangUp()
    {
        var call = Established();
        call.HangUp();

        var t = call.RemoteHungUp();

        Assert.True(t.Succeeded);
        Assert.Equal(CallState.Terminated, call.State);
        Assert.Equal(7000, call.Result!.Subcode);
    }

    [Fact]
    public void HangUp_Incoming_CancelsTimerAndTerminatesWithoutMedia()
    {
        var call = CallLifecycle.Offer(out _);

        var t = call.HangUp();

        Assert.Equal(CallState.Terminating, call.State);
        Assert.DoesNotContain(EndMediaDecision.HungUp, t.Decisions);
        Assert.Contains(new CancelTimerDecision(CallTimer.Answer), t.Decisions);
        Assert.Contains(new TransportDecision(TransportAction.HangUp), t.Decisions);
    }

    [Fact]
    public void KeepAlive_Established_RestartsTheDeadline()
    {
        var call = Established();

        var t = call.KeepAlive();

        Assert.True(t.Succeeded);
        Assert.Equal<CallDecision>([new StartTimerDecision(CallTimer.KeepAlive, TimeSpan.FromMinutes(45))], t.Decisions);
    }

    [Fact]
    public void KeepAlive_Ringing_AcceptedWithoutDecisions()
    {
        var call = CallLifecycle.Offer(out _);

        var t = call.KeepAlive();

        Assert.True(t.Succeeded);
        Assert.Empty(t.Decisions);
    }

    [Fact]
    public void TimerExpired_KeepAliveDeadlineOfEstablishedCall_HarkHangsUpWith408And8537()
    {
        var call = Established();

        var t = call.TimerExpired(CallTimer.KeepAlive);

        Assert.Equal(CallState.Terminated, call.State);
        Assert.Equal((408, 8537), (call.Result!.Code, call.Result.Subcode));
        Assert.Equal<CallDecision>(
            [
                EndMediaDecision.HungUp,
                new TransportDecision(TransportAction.HangUp),
                new CallNotification(CallChangeType.Deleted, CallState.Terminated, CallResultCodes.KeepAliveTimeout),
            ],
            t.Decisions);
    }

    [Fact]
    public void TimerExpired_KeepAliveAfterTheBotHungUp_Ignored()
    {
        var call = Established();
        call.HangUp();

        var t = call.TimerExpired(CallTimer.KeepAlive);

        Assert.Empty(t.Decisions);
        Assert.Equal(CallState.Terminating, call.State);
    }

    [Fact]
    public void MediaConnected_KeepAliveTurnedOff_NoDeadline()
    {
        var call = CallLifecycle.Offer(out _, new CallLifecycleOptions { KeepAliveTimeout = TimeSpan.Zero });
        call.Answer();

        var established = call.MediaConnected();
        var kept = call.KeepAlive();

        Assert.DoesNotContain(established.Decisions, d => d is StartTimerDecision);
        Assert.Empty(kept.Decisions);
    }

    internal static CallLifecycle Established()
    {
        var call = CallLifecycle.Offer(out _);
        Assert.True(call.Answer().Succeeded);
        Assert.True(call.MediaConnected().Succeeded);
        return call;
    }
}
