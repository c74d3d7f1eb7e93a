using Hark.Sip.Dialogs;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Dialogs;

/// <summary>Carries out a session's timer decisions on a manual clock and logs every decision with its time.</summary>
internal sealed class SessionClock
{
    private readonly Dictionary<SipSessionTimer, TimeSpan> _due = [];

    public TimeSpan Now { get; private set; }

    public List<(TimeSpan At, SipSessionAction Action)> Log { get; } = [];

    public IEnumerable<SipMessage> Responses => Of(SipSessionActionKind.SendResponse).Select(a => a.Message!);

    public IEnumerable<SipMessage> Requests => Of(SipSessionActionKind.SendRequest).Select(a => a.Message!);

    public IEnumerable<SipSessionEvent> Reports => Of(SipSessionActionKind.Report).Select(a => a.Event);

    public bool IsRunning(SipSessionTimer timer) => _due.ContainsKey(timer);

    public IEnumerable<SipSessionAction> Of(SipSessionActionKind kind) => Log.Where(e => e.Action.Kind == kind).Select(e => e.Action);

    public IEnumerable<double> SecondsOf(SipSessionActionKind kind) => Log.Where(e => e.Action.Kind == kind).Select(e => e.At.TotalSeconds);

    public IReadOnlyList<SipSessionAction> Apply(IReadOnlyList<SipSessionAction> actions)
    {
        foreach (var action in actions)
        {
            Log.Add((Now, action));
            switch (action.Kind)
            {
                case SipSessionActionKind.StartTimer:
                    _due[action.Timer] = Now + action.Delay;
                    break;
                case SipSessionActionKind.StopTimer:
                    _due.Remove(action.Timer);
                    break;
            }
        }

        return actions;
    }

    /// <summary>Moves time forward, firing due timers in order into <paramref name="onTimer"/>.</summary>
    public void Advance(TimeSpan by, Func<SipSessionTimer, IReadOnlyList<SipSessionAction>> onTimer)
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
