using Hark.Sip.Messages;
using Hark.Sip.Transactions;

namespace Hark.Sip.Tests.Transactions;

public class InviteClientTransactionTests
{
    [Fact]
    public void Start_UnreliableWithNoAnswer_RetransmitsOnTimerAThenTimesOutOnTimerB()
    {
        var transaction = new InviteClientTransaction(SipText.Request("INVITE"), reliable: false);
        var clock = new ManualTimerClock();

        clock.Apply(transaction.Start());
        clock.Advance(TimeSpan.FromSeconds(40), transaction.OnTimer);

        // T1 = 500 ms doubling without cap: 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5; timer B = 64*T1 = 32 s.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5], clock.SendSeconds);
        Assert.True(clock.Has(SipTransactionActionKind.Timeout));
        Assert.Equal(32, clock.Log.Single(e => e.Action.Kind == SipTransactionActionKind.Timeout).At.TotalSeconds);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void Start_Reliable_SendsOnceAndStillTimesOut()
    {
        var transaction = new InviteClientTransaction(SipText.Request("INVITE"), reliable: true);
        var clock = new ManualTimerClock();

        clock.Apply(transaction.Start());
        clock.Advance(TimeSpan.FromSeconds(40), transaction.OnTimer);

        Assert.Equal([0.0], clock.SendSeconds);
        Assert.True(clock.Has(SipTransactionActionKind.Timeout));
    }

    [Fact]
    public void OnResponse_Provisional_StopsRetransmissionsAndReachesTheUser()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteClientTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());

        clock.Advance(TimeSpan.FromMilliseconds(100), transaction.OnTimer);
        clock.Apply(transaction.OnResponse(SipText.Response(request, 180)));
        clock.Advance(TimeSpan.FromMinutes(3), transaction.OnTimer);

        Assert.Equal([0.0], clock.SendSeconds);
        Assert.Equal(180, Assert.Single(clock.Deliveries).Message!.StatusCode);
        Assert.Equal(SipTransactionState.Proceeding, transaction.State);
        Assert.False(clock.Has(SipTransactionActionKind.Timeout));
    }

    [Fact]
    public void OnResponse_NonSuccessFinal_SendsAckWithTheResponseToTagOnTheSameBranch()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteClientTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());
        var busy = SipText.Response(request, 486, toTag: "busy1");

        clock.Apply(transaction.OnResponse(busy));

        var ack = SipText.Sent(clock.Sends.Last());
        Assert.Equal("ACK", ack.Method);
        Assert.Equal(request.RequestUri, ack.RequestUri);
        Assert.Equal(new SipCSeq(2, "ACK"), ack.CSeq);
        Assert.Equal(SipText.Branch, ack.TopVia.Branch);
        Assert.Single(ack.Vias);
        Assert.Equal("busy1", ack.To.Tag);
        Assert.Equal(request.From.Tag, ack.From.Tag);
        Assert.Equal(request.CallId, ack.CallId);
        Assert.Equal(request.Routes.Select(r => r.Uri), ack.Routes.Select(r => r.Uri));
        Assert.Equal(486, Assert.Single(clock.Deliveries).Message!.StatusCode);
        Assert.Equal(SipTransactionState.Completed, transaction.State);
    }

    [Fact]
    public void OnResponse_RetransmittedNonSuccessFinal_ResendsAckWithoutTellingTheUser()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteClientTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());
        var busy = SipText.Response(request, 486);
        clock.Apply(transaction.OnResponse(busy));

        clock.Advance(TimeSpan.FromSeconds(1), transaction.OnTimer);
        clock.Apply(transaction.OnResponse(busy));
        clock.Advance(TimeSpan.FromSeconds(31), transaction.OnTimer);

        Assert.Equal(3, clock.Sends.Count());
        Assert.Equal(clock.Sends.ElementAt(1).Bytes.ToArray(), clock.Sends.ElementAt(2).Bytes.ToArray());
        Assert.Single(clock.Deliveries);
        Assert.Equal(32, clock.Log.Single(e => e.Action.Kind == SipTransactionActionKind.Terminated).At.TotalSeconds);
    }

    [Fact]
    public void OnResponse_NonSuccessFinalOverReliableTransport_TerminatesAfterTheAck()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteClientTransaction(request, reliable: true);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());

        clock.Apply(transaction.OnResponse(SipText.Response(request, 603)));

        Assert.Equal("ACK", SipText.Sent(clock.Sends.Last()).Method);
        Assert.True(clock.IsTerminated);
    }

    [Fact]
    public void OnResponse_Success_IsAcceptedAndRetransmissionsReachTheUserUntilTimerM()
    {
        var request = SipText.Request("INVITE");
        var transaction = new InviteClientTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());
        var ok = SipText.Response(request, 200);

        clock.Apply(transaction.OnResponse(ok));
        clock.Advance(TimeSpan.FromSeconds(1), transaction.OnTimer);
        clock.Apply(transaction.OnResponse(ok));
        clock.Advance(TimeSpan.FromSeconds(40), transaction.OnTimer);

        Assert.Equal([0.0], clock.SendSeconds);
        Assert.Equal(2, clock.Deliveries.Count());
        Assert.Equal(32, clock.Log.Single(e => e.Action.Kind == SipTransactionActionKind.Terminated).At.TotalSeconds);
    }

    [Fact]
    public void OnTransportError_WhileCalling_TellsTheUserAndTerminates()
    {
        var transaction = new InviteClientTransaction(SipText.Request("INVITE"), reliable: true);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());

        clock.Apply(transaction.OnTransportError());

        Assert.True(clock.Has(SipTransactionActionKind.TransportError));
        Assert.True(clock.IsTerminated);
    }
}
