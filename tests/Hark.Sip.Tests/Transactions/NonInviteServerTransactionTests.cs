using Hark.Sip.Messages;
using Hark.Sip.Transactions;

namespace Hark.Sip.Tests.Transactions;

public class NonInviteServerTransactionTests
{
    [Fact]
    public void OnRequest_RetransmissionsBeforeAndAfterTheFinal_AreAnsweredOnlyOnceThereIsOne()
    {
        var request = SipText.Request("OPTIONS");
        var transaction = new NonInviteServerTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());

        clock.Apply(transaction.OnRequest(SipText.Request("OPTIONS")));
        clock.Apply(transaction.SendResponse(SipResponses.CreateFrom(request, 200, toTag: "o1")));
        clock.Apply(transaction.OnRequest(SipText.Request("OPTIONS")));
        clock.Advance(TimeSpan.FromSeconds(40), transaction.OnTimer);

        Assert.Single(clock.Deliveries);
        Assert.Equal([200, 200], clock.Sends.Select(s => SipText.Sent(s).StatusCode));
        Assert.Equal(32, clock.Log.Single(e => e.Action.Kind == SipTransactionActionKind.Terminated).At.TotalSeconds);
    }

    [Fact]
    public void SendResponse_FinalOverReliableTransport_TerminatesAtOnce()
    {
        var request = SipText.Request("BYE");
        var transaction = new NonInviteServerTransaction(request, reliable: true);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());

        clock.Apply(transaction.SendResponse(SipResponses.CreateFrom(request, 200)));

        Assert.True(clock.IsTerminated);
    }

    [Fact]
    public void SendResponse_AfterTheFinal_IsIgnored()
    {
        var request = SipText.Request("BYE");
        var transaction = new NonInviteServerTransaction(request, reliable: false);
        var clock = new ManualTimerClock();
        clock.Apply(transaction.Start());
        clock.Apply(transaction.SendResponse(SipResponses.CreateFrom(request, 200)));

        clock.Apply(transaction.SendResponse(SipResponses.CreateFrom(request, 500)));

        Assert.Equal([200], clock.Sends.Select(s => SipText.Sent(s).StatusCode));
    }
}
