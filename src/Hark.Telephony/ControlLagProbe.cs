using Microsoft.Extensions.Hosting;

namespace Hark.Telephony;

/// <summary>
/// How long work waits for a thread-pool thread: the lag of Hark's control plane (SIP transactions, Graph requests,
/// webhooks and the store all run there, while media has threads of its own). Every 100 ms a dedicated thread queues
/// a probe; <see cref="Lag"/> is the longest wait of the last ten, or the age of a probe still waiting if that is
/// longer, so a pool that runs nothing at all shows a lag that grows. Admission reads it
/// (<see cref="CapacityOptions.MaxControlLagMilliseconds"/>): a burst of call set-ups the machine cannot serve is
/// refused, not answered late.
/// </summary>
public sealed class ControlLagProbe : IHostedService, IDisposable
{
    private const int Window = 10;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;
    private readonly long[] _waits = new long[Window];
    private readonly ManualResetEventSlim _stop = new(false, spinCount: 0);
    private readonly Lock _gate = new();
    private Thread? _thread;
    private int _next;
    private long _queuedAt;

    public ControlLagProbe(TimeProvider time) => _time = time;

    /// <summary>The longest thread-pool wait seen lately (zero before the first probe).</summary>
    public TimeSpan Lag
    {
        get
        {
            lock (_gate)
            {
                var worst = _waits.Max();
                var waiting = _queuedAt != 0 ? _time.GetElapsedTime(_queuedAt).Ticks : 0;
                return TimeSpan.FromTicks(Math.Max(worst, waiting));
            }
        }
    }

    /// <summary>Whether the probing thread runs (between start and stop or dispose).</summary>
    internal bool IsRunning => _thread is { IsAlive: true };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "hark-lag-probe" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    // A host disposed without being stopped (a failed start) stops the thread too. The event is not disposed: the
    // thread may be in its wait, and an event that never made a wait handle holds nothing to free.
    public void Dispose() => Stop();

    private void Stop()
    {
        _stop.Set();
        _thread?.Join();
    }

    /// <summary>A probe is queued now, unless one still waits; false when one does.</summary>
    internal bool TryQueue(out long queuedAt)
    {
        lock (_gate)
        {
            queuedAt = _queuedAt;
            if (_queuedAt != 0)
            {
                return false;
            }

            _queuedAt = queuedAt = _time.GetTimestamp();
            return true;
        }
    }

    /// <summary>The probe queued at <paramref name="queuedAt"/> runs now: its wait joins the window.</summary>
    internal void Ran(long queuedAt)
    {
        lock (_gate)
        {
            _waits[_next] = _time.GetElapsedTime(queuedAt).Ticks;
            _next = (_next + 1) % Window;
            _queuedAt = 0;
        }
    }

    private void Run()
    {
        while (!_stop.Wait(Interval))
        {
            if (TryQueue(out var queuedAt))
            {
                ThreadPool.UnsafeQueueUserWorkItem(static state => state.Probe.Ran(state.QueuedAt), (Probe: this, QueuedAt: queuedAt), preferLocal: false);
            }
        }
    }
}
