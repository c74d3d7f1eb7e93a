using Hark.Calls.Lifecycle;

namespace Hark.Calls.Tests.Lifecycle;

/// <summary>redirect (a ringing call leaves at once) and blind transfer (transferring, transferAccepted, then terminated or established).</summary>
public sealed class CallLifecycleTransferTests
{
    [Fact]
    public void Redirect_Incoming_CancelsTimerRedirectsAndTerminates302_8607()
    {
        var call = CallLifecycle.Offer(out _);

        var t = call.Redirect(["+15550001", "sip:bob@192.0.2.99"]);

        Assert.True(t.Succeeded);
        Assert.Equal(CallState.Terminated, call.State);
        Assert.Equal(new CancelTimerDecision(CallTimer.Answer), t.Decisions[0]);
        var redirect = Assert.IsType<TransportDecision>(t.Decisions[1]);
        Assert.Equal(TransportAction.Redirect, redirect.Action);
        Assert.Equal(["+15550001", "sip:bob@192.0.2.99"], redirect.Targets);
        Assert.Equal(new CallNotification(CallChangeType.Deleted, CallState.Terminated, CallResultCodes.Redirected), t.Decisions[2]);
        Assert.Equal((302, 8607), (call.Result!.Code, call.Result.Subcode));
    }

    [Fact]
    public void Redirect_Answered_RefusedAsInvalidState()
    {
        var call = Established();

        var t = call.Redirect(["+15550001"]);

        Assert.Equal(CallCommandError.InvalidState, t.Error);
        Assert.Equal(CallState.Established, call.State);
    }

    [Fact]
    public void Transfer_Established_TransfersAndNotifiesTransferring()
    {
        var call = Established();

        var t = call.Transfer("sip:bob@192.0.2.99");

        Assert.Equal(CallState.Transferring, call.State);
        var transfer = Assert.IsType<TransportDecision>(t.Decisions[0]);
        Assert.Equal((TransportAction.Transfer, "sip:bob@192.0.2.99"), (transfer.Action, Assert.Single(transfer.Targets!)));
        Assert.Equal(new CallNotification(CallChangeType.Updated, CallState.Transferring), t.Decisions[1]);
    }

    [Fact]
    public void Transfer_AcceptedThenCompleted_NotifiesTransferAcceptedThenEndsMediaHangsUpAndTerminates0_7015()
    {
        var call = Established();
        call.Transfer("+15550001");

        var accepted = call.TransferAccepted();
        var completed = call.TransferCompleted();

        Assert.Equal<CallDecision>([new CallNotification(CallChangeType.Updated, CallState.TransferAccepted)], accepted.Decisions);
        Assert.Equal<CallDecision>(
            [
                EndMediaDecision.HungUp,
                new TransportDecision(TransportAction.HangUp),
                new CallNotification(CallChangeType.Deleted, CallState.Terminated, CallResultCodes.TransferCompleted),
            ],
            completed.Decisions);
        Assert.Equal((0, 7015, "GracefulTransferCompleted"), (call.Result!.Code, call.Result.Subcode, call.Result.Message));
    }

    [Fact]
    public void TransferFailed_AfterAccepted_EstablishedAgainWith500_7000AndKeepAliveRestarted()
    {
        var call = Established();
        call.Transfer("+15550001");
        call.TransferAccepted();

        var t = call.TransferFailed("The transfer target could not be reached (486 Busy Here).");

        Assert.Equal(CallState.Established, call.State);
        var failed = Assert.IsType<CallNotification>(t.Decisions[0]);
        Assert.Equal((CallChangeType.Updated, CallState.Established), (failed.ChangeType, failed.State));
        Assert.Equal((500, 7000, "The transfer target could not be reached (486 Busy Here)."), (failed.Result!.Code, failed.Result.Subcode, failed.Result.Message));
        Assert.Contains(t.Decisions, d => d is StartTimerDecision { Timer: CallTimer.KeepAlive });
        Assert.True(call.Transfer("+15550002").Succeeded);
    }

    [Fact]
    public void RemoteHungUp_AfterTransferAccepted_CountsAsCompleted()
    {
        var call = Established();
        call.Transfer("+15550001");
        call.TransferAccepted();

        var t = call.RemoteHungUp();

        Assert.Equal(new CallNotification(CallChangeType.Deleted, CallState.Terminated, CallResultCodes.TransferCompleted), t.Decisions[^1]);
    }

    [Fact]
    public void RemoteHungUp_WhileTransferring_IsAnOrdinaryHangUp()
    {
        var call = Established();
        call.Transfer("+15550001");

        var t = call.RemoteHungUp();

        Assert.Equal(new CallNotification(CallChangeType.Deleted, CallState.Terminated, CallResultCodes.RemoteHangUp), t.Decisions[^1]);
    }

    [Fact]
    public void HangUp_WhileTransferring_TerminatesAsTheBotsHangUp()
    {
        var call = Established();
        call.Transfer("+15550001");

        var t = call.HangUp();

        Assert.True(t.Succeeded);
        Assert.Equal(CallState.Terminating, call.State);
    }

    [Fact]
    public void Transfer_WhileTransferring_RefusedAsInvalidState()
    {
        var call = Established();
        call.Transfer("+15550001");

        Assert.Equal(CallCommandError.InvalidState, call.Transfer("+15550002").Error);
    }

    [Fact]
    public void TransferOutcomes_WithoutATransfer_Refused()
    {
        var call = Established();

        Assert.False(call.TransferAccepted().Succeeded);
        Assert.False(call.TransferCompleted().Succeeded);
        Assert.False(call.TransferFailed("no").Succeeded);
        Assert.Equal(CallState.Established, call.State);
    }

    [Fact]
    public void Transfer_Ringing_RefusedAsInvalidState()
    {
        var call = CallLifecycle.Offer(out _);

        Assert.Equal(CallCommandError.InvalidState, call.Transfer("+15550001").Error);
    }

    private static CallLifecycle Established()
    {
        var call = CallLifecycle.Offer(out _);
        call.Answer();
        call.MediaConnected();
        return call;
    }
}
