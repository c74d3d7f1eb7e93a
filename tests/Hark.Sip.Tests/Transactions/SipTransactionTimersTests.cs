using Hark.Sip.Transactions;

namespace Hark.Sip.Tests.Transactions;

public class SipTransactionTimersTests
{
    [Fact]
    public void Apply_NonInviteClientOnTimeProvider_RetransmitsAndTimesOutOnSchedule()
    {
        var time = new ManualTimeProvider();
        var transaction = new NonInviteClientTransaction(SipText.Request("OPTIONS"), reliable: false);
        var sends = new List<TimeSpan>();
        var start = time.GetUtcNow();
        SipTransactionTimers? timers = null;
        void Handle(IReadOnlyList<SipTransactionAction> actions)
        {
            sends.AddRange(actions.Where(a => a.Kind == SipTransactionActionKind.Send).Select(_ => time.GetUtcNow() - start));
            timers!.Apply(actions);
        }

        timers = new SipTransactionTimers(time, fired => Handle(transaction.OnTimer(fired)));
        Handle(transaction.Start());
        time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], sends.Select(s => s.TotalSeconds));
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void Apply_StopTimerBeforeItFires_NeverReportsIt()
    {
        var time = new ManualTimeProvider();
        var fired = new List<SipTimer>();
        using var timers = new SipTransactionTimers(time, fired.Add);

        timers.Apply([new(SipTransactionActionKind.StartTimer, Timer: SipTimer.E, Delay: TimeSpan.FromSeconds(1)),
            new(SipTransactionActionKind.StartTimer, Timer: SipTimer.F, Delay: TimeSpan.FromSeconds(2))]);
        timers.Apply([new(SipTransactionActionKind.StopTimer, Timer: SipTimer.E)]);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([SipTimer.F], fired);
    }

    [Fact]
    public void Apply_Terminated_CancelsEveryTimer()
    {
        var time = new ManualTimeProvider();
        var fired = new List<SipTimer>();
        using var timers = new SipTransactionTimers(time, fired.Add);

        timers.Apply([new(SipTransactionActionKind.StartTimer, Timer: SipTimer.G, Delay: TimeSpan.FromSeconds(1)),
            new(SipTransactionActionKind.Terminated)]);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(fired);
    }
}
