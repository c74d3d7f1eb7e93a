using Hark.Calls.Lifecycle;

namespace Hark.Calls.Tests.Lifecycle;

public sealed class CallLifecycleInvalidTests
{
    public static TheoryData<string> Commands => ["answer", "reject", "mediaConnected", "remoteAnswered", "dialFailed", "remoteHungUp", "hangUp", "hangUpCompleted", "keepAlive"];

    [Theory]
    [InlineData("incoming", "mediaConnected")]
    [InlineData("incoming", "remoteAnswered")]
    [InlineData("incoming", "dialFailed")]
    [InlineData("incoming", "hangUpCompleted")]
    [InlineData("establishing", "answer")]
    [InlineData("establishing", "reject")]
    [InlineData("establishing", "dialFailed")]
    [InlineData("establishing", "remoteAnswered")]
    [InlineData("establishing", "hangUpCompleted")]
    [InlineData("established", "answer")]
    [InlineData("established", "reject")]
    [InlineData("established", "mediaConnected")]
    [InlineData("established", "hangUpCompleted")]
    [InlineData("terminating", "answer")]
    [InlineData("terminating", "reject")]
    [InlineData("terminating", "hangUp")]
    [InlineData("terminating", "mediaConnected")]
    [InlineData("dialling", "answer")]
    [InlineData("dialling", "reject")]
    [InlineData("dialling", "mediaConnected")]
    [InlineData("dialled", "remoteAnswered")]
    [InlineData("dialled", "dialFailed")]
    public void Command_WrongState_InvalidStateAndNothingChanges(string setup, string command)
    {
        var call = Setup(setup);
        var before = call.State;

        var t = Run(call, command);

        Assert.False(t.Succeeded);
        Assert.Equal(CallCommandError.InvalidState, t.Error);
        Assert.Empty(t.Decisions);
        Assert.Equal(before, call.State);
        Assert.Null(call.Result);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_AfterRemoteHangUp_CallEndedAndResultKept(string command)
    {
        var call = CallLifecycleIncomingTests.Established();
        call.RemoteHungUp();

        var t = Run(call, command);

        Assert.Equal(CallCommandError.CallEnded, t.Error);
        Assert.Empty(t.Decisions);
        Assert.Equal(CallState.Terminated, call.State);
        Assert.Equal(4521, call.Result!.Subcode);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_AfterReject_CallEnded(string command)
    {
        var call = CallLifecycle.Offer(out _);
        call.Reject(CallRejectReason.Busy);

        Assert.Equal(CallCommandError.CallEnded, Run(call, command).Error);
    }

    [Fact]
    public void TimerExpired_AfterTerminated_IgnoredNotAnError()
    {
        var call = CallLifecycle.Offer(out _);
        call.Reject(CallRejectReason.None);

        var t = call.TimerExpired(CallTimer.Answer);

        Assert.True(t.Succeeded);
        Assert.Empty(t.Decisions);
    }

    private static CallLifecycle Setup(string name)
    {
        CallLifecycle call;
        switch (name)
        {
            case "incoming":
                return CallLifecycle.Offer(out _);
            case "establishing":
                call = CallLifecycle.Offer(out _);
                call.Answer();
                return call;
            case "established":
                return CallLifecycleIncomingTests.Established();
            case "terminating":
                call = CallLifecycleIncomingTests.Established();
                call.HangUp();
                return call;
            case "dialling":
                return CallLifecycle.Dial(out _);
            case "dialled":
                call = CallLifecycle.Dial(out _);
                call.RemoteAnswered();
                return call;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    private static CallTransition Run(CallLifecycle call, string command) => command switch
    {
        "answer" => call.Answer(),
        "reject" => call.Reject(CallRejectReason.Busy),
        "mediaConnected" => call.MediaConnected(),
        "remoteAnswered" => call.RemoteAnswered(),
        "dialFailed" => call.DialFailed(DialFailure.Busy),
        "remoteHungUp" => call.RemoteHungUp(),
        "hangUp" => call.HangUp(),
        "hangUpCompleted" => call.HangUpCompleted(),
        "keepAlive" => call.KeepAlive(),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };
}
