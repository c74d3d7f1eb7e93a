using Hark.Sip.Transactions;

namespace Hark.Sip.Tests.Transactions;

public class NonInviteClientTransactionTests
{
    [Fact]
    public void Start_UnreliableWithNoAnswer_BacksOffToT2AndTimesOutOnTimerF()
    {
        var transaction = new NonInviteClientTransaction(SipText.Request("BYE"), reliable: false);
        var clock = new ManualTimerClock();

        clock.Apply(transaction.Start());
        clock.Advance(TimeSpan.FromSeconds(40), transaction.OnTimer);

        // E doubles from T1 to T2 = 4 s, then stays there until F at 32 s.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], clock.SendSeconds);
        Assert.Equal(32, clock.Log.Single(e => e.Action.Kind == SipTransactionActionKind.Timeout).At.TotalSeconds);
        Assert.True(clock.IsTerminated);
    }

    [Fact]
    public void OnResponse_Provisional_RetransmitsEveryT2()
    {
        var request = SipText.Request("OPTIONS");
        var transaction = new NonInviteClientTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());

        clock.Apply(transaction.OnResponse(SipText.Response(request, 100)));
        clock.Advance(TimeSpan.FromSeconds(10), transaction.OnTimer);

        Assert.Equal([0, 0.5, 4.5, 8.5], clock.SendSeconds);
        Assert.Equal(SipTransactionState.Proceeding, transaction.State);
    }

    [Fact]
    public void OnResponse_Final_AbsorbsRetransmissionsUntilTimerK()
    {
        var request = SipText.Request("BYE");
        var transaction = new NonInviteClientTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());
        var ok = SipText.Response(request, 200);

        clock.Apply(transaction.OnResponse(ok));
        clock.Apply(transaction.OnResponse(ok));
        clock.Advance(TimeSpan.FromSeconds(10), transaction.OnTimer);

        Assert.Single(clock.Deliveries);
        Assert.Equal([0.0], clock.SendSeconds);
        Assert.Equal(5, clock.Log.Single(e => e.Action.Kind == SipTransactionActionKind.Terminated).At.TotalSeconds);
    }

    [Fact]
    public void OnResponse_FinalOverReliableTransport_TerminatesAtOnce()
    {
        var request = SipText.Request("BYE");
        var transaction = new NonInviteClientTransaction(request, reliable: true);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());

        clock.Apply(transaction.OnResponse(SipText.Response(request, 481)));

        Assert.True(clock.IsTerminated);
        Assert.Equal(481, Assert.Single(clock.Deliveries).Message!.StatusCode);
    }
}
