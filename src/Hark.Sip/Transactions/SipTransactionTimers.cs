namespace Hark.Sip.Transactions;

/// <summary>
/// Carries out one transaction's StartTimer/StopTimer/Terminated decisions on a <see cref="TimeProvider"/>.
/// <paramref name="fired"/> runs on a timer thread: the owner must hand it to the transaction's single reader
/// (its inbox), since the transactions themselves are not thread-safe.
/// </summary>
public sealed class SipTransactionTimers(TimeProvider time, Action<SipTimer> fired) : IDisposable
{
    private readonly Dictionary<SipTimer, Entry> _timers = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    public void Apply(IReadOnlyList<SipTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var action in actions)
        {
            switch (action.Kind)
            {
                case SipTransactionActionKind.StartTimer:
                    Start(action.Timer, action.Delay);
                    break;
                case SipTransactionActionKind.StopTimer:
                    Stop(action.Timer);
                    break;
                case SipTransactionActionKind.Terminated:
                    Dispose();
                    break;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var entry in _timers.Values)
            {
                entry.Timer?.Dispose();
            }

            _timers.Clear();
        }
    }

    private void Start(SipTimer which, TimeSpan delay)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_timers.Remove(which, out var old))
            {
                old.Timer?.Dispose();
            }

            var entry = new Entry(which);
            _timers[which] = entry;
            entry.Timer = time.CreateTimer(OnFired, entry, delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Stop(SipTimer which)
    {
        lock (_gate)
        {
            if (_timers.Remove(which, out var entry))
            {
                entry.Timer?.Dispose();
            }
        }
    }

    private void OnFired(object? state)
    {
        var entry = (Entry)state!;
        lock (_gate)
        {
            // A timer stopped or restarted after it began firing must not be reported.
            if (_disposed || !_timers.TryGetValue(entry.Which, out var current) || current != entry)
            {
                return;
            }

            _timers.Remove(entry.Which);
            entry.Timer?.Dispose();
        }

        fired(entry.Which);
    }

    private sealed class Entry(SipTimer which)
    {
        public SipTimer Which { get; } = which;

        public ITimer? Timer { get; set; }
    }
}
