using Hark.Sip.Messages;
using Hark.Sip.Transactions;

namespace Hark.Sip.Tests.Transactions;

public class InviteServerTransactionTests
{
    [Fact]
    public void Start_UserSilentFor200Ms_SendsTrying()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteServerTransaction(request, reliable: false);
        var clock = new ManualTimerClock();

        clock.Apply(transaction.Start());
        clock.Advance(TimeSpan.FromSeconds(1), transaction.OnTimer);

        Assert.Same(request, Assert.Single(clock.Deliveries).Message);
        var trying = SipText.Sent(Assert.Single(clock.Sends));
        Assert.Equal(0.2, clock.SendSeconds.Single(), 3);
        Assert.Equal(100, trying.StatusCode);
        Assert.Equal(SipText.Branch, trying.TopVia.Branch);
        Assert.Null(trying.To.Tag);
    }

    [Fact]
    public void SendResponse_UserRingsWithin200Ms_NoTryingIsSent()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteServerTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());

        clock.Advance(TimeSpan.FromMilliseconds(50), transaction.OnTimer);
        clock.Apply(transaction.SendResponse(SipResponses.CreateFrom(request, 180, toTag: "a1")));
        clock.Advance(TimeSpan.FromSeconds(1), transaction.OnTimer);

        Assert.Equal(180, SipText.Sent(Assert.Single(clock.Sends)).StatusCode);
    }

    [Fact]
    public void OnRequest_RetransmittedInvite_ResendsTheLastProvisional()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteServerTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());
        clock.Apply(transaction.SendResponse(SipResponses.CreateFrom(request, 180, toTag: "a1")));

        clock.Apply(transaction.OnRequest(SipText.Request("INVITE")));

        Assert.Equal([180, 180], clock.Sends.Select(s => SipText.Sent(s).StatusCode));
        Assert.Single(clock.Deliveries);
    }

    [Fact]
    public void SendResponse_NonSuccessUnreliable_RetransmitsOnTimerGUntilTheAck()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteServerTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());
        var busy = SipResponses.CreateFrom(request, 486, toTag: "b1");

        clock.Apply(transaction.SendResponse(busy));
        clock.Advance(TimeSpan.FromSeconds(12), transaction.OnTimer);
        clock.Apply(transaction.OnRequest(SipText.Request("ACK", toTag: "b1")));
        var sendsAtAck = clock.Sends.Count();
        clock.Advance(TimeSpan.FromSeconds(10), transaction.OnTimer);

        // G: T1, doubling, capped at T2 = 4 s.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5], clock.SendSeconds);
        Assert.Equal(sendsAtAck, clock.Sends.Count());
        Assert.Equal(12 + 5, clock.Log.Single(e => e.Action.Kind == SipTransactionActionKind.Terminated).At.TotalSeconds);
        Assert.False(clock.Has(SipTransactionActionKind.Timeout));
    }

    [Fact]
    public void SendResponse_NonSuccessNeverAcked_TimesOutOnTimerH()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteServerTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());

        clock.Apply(transaction.SendResponse(SipResponses.CreateFrom(request, 480, toTag: "c1")));
        clock.Advance(TimeSpan.FromSeconds(40), transaction.OnTimer);

        Assert.Equal(32, clock.Log.Single(e => e.Action.Kind == SipTransactionActionKind.Timeout).At.TotalSeconds);
        Assert.True(clock.IsTerminated);
    }

    [Fact]
    public void SendResponse_NonSuccessReliable_NoRetransmissionAndAckEndsAtOnce()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteServerTransaction(request, reliable: true);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());

        clock.Apply(transaction.SendResponse(SipResponses.CreateFrom(request, 603, toTag: "d1")));
        clock.Advance(TimeSpan.FromSeconds(10), transaction.OnTimer);
        clock.Apply(transaction.OnRequest(SipText.Request("ACK", toTag: "d1")));

        Assert.Single(clock.Sends);
        Assert.True(clock.IsTerminated);
    }

    [Fact]
    public void OnRequest_InviteRetransmittedInCompleted_ResendsTheFinal()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteServerTransaction(request, reliable: true);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());
        clock.Apply(transaction.SendResponse(SipResponses.CreateFrom(request, 486, toTag: "e1")));

        clock.Apply(transaction.OnRequest(SipText.Request("INVITE")));

        Assert.Equal([486, 486], clock.Sends.Select(s => SipText.Sent(s).StatusCode));
    }

    [Fact]
    public void SendResponse_Success_AbsorbsInviteRetransmissionsAndPassesTheAckUp()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteServerTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());

        clock.Apply(transaction.SendResponse(SipResponses.CreateFrom(request, 200, toTag: "f1")));
        clock.Apply(transaction.OnRequest(SipText.Request("INVITE")));
        var ack = SipText.Request("ACK", branch: "z9hG4bKnewbranch", toTag: "f1");
        clock.Apply(transaction.OnRequest(ack));
        clock.Advance(TimeSpan.FromSeconds(40), transaction.OnTimer);

        Assert.Single(clock.Sends);
        Assert.Equal([request, ack], clock.Deliveries.Select(d => d.Message));
        Assert.Equal(32, clock.Log.Single(e => e.Action.Kind == SipTransactionActionKind.Terminated).At.TotalSeconds);
    }
}
