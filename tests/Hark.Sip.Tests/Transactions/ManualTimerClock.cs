using Hark.Sip.Transactions;

namespace Hark.Sip.Tests.Transactions;

/// <summary>Carries out a transaction's timer decisions on a manual clock and logs every decision with its time.</summary>
internal sealed class ManualTimerClock
{
    private readonly Dictionary<SipTimer, TimeSpan> _due = [];

    public TimeSpan Now { get; private set; }

    public List<(TimeSpan At, SipTransactionAction Action)> Log { get; } = [];

    public bool IsTerminated { get; private set; }

    public IEnumerable<SipTransactionAction> Sends => Log.Where(e => e.Action.Kind == SipTransactionActionKind.Send).Select(e => e.Action);

    public IEnumerable<double> SendSeconds => Log.Where(e => e.Action.Kind == SipTransactionActionKind.Send).Select(e => e.At.TotalSeconds);

    public IEnumerable<SipTransactionAction> Deliveries => Log.Where(e => e.Action.Kind == SipTransactionActionKind.DeliverToUser).Select(e => e.Action);

    public bool Has(SipTransactionActionKind kind) => Log.Any(e => e.Action.Kind == kind);

    public bool IsRunning(SipTimer timer) => _due.ContainsKey(timer);

    public void Apply(IReadOnlyList<SipTransactionAction> actions)
    {
        foreach (var action in actions)
        {
            Log.Add((Now, action));
            switch (action.Kind)
            {
                case SipTransactionActionKind.StartTimer:
                    _due[action.Timer] = Now + action.Delay;
                    break;
                case SipTransactionActionKind.StopTimer:
                    _due.Remove(action.Timer);
                    break;
                case SipTransactionActionKind.Terminated:
                    _due.Clear();
                    IsTerminated = true;
                    break;
            }
        }
    }

    /// <summary>Moves time forward, firing due timers in order into <paramref name="onTimer"/>.</summary>
    public void Advance(TimeSpan by, Func<SipTimer, IReadOnlyList<SipTransactionAction>> onTimer)
    {
        var end = Now + by;
        while (_due.Count > 0)
        {
            var (timer, due) = _due.MinBy(pair => pair.Value);
            if (due > end)
            {
                break;
            }

            Now = due;
            _due.Remove(timer);
            Apply(onTimer(timer));
        }

        Now = end;
    }
}
