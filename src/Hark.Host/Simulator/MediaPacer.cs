namespace Hark.Host.Simulator;

/// <summary>
/// One real-time clock for every virtual caller: each 20 ms it ticks all sessions once, so a hundred
/// simulated calls cost one timer, not a hundred threads. After a late wake-up (a GC pause, a busy machine)
/// at most <see cref="MaxCatchUpFrames"/> ticks run back to back and the rest of the lost time is skipped:
/// a virtual caller keeps step with Hark's answers (see <see cref="VirtualCall"/>), so a burst of ticks could
/// not move it faster anyway.
/// </summary>
internal sealed class MediaPacer : BackgroundService
{
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);
    private const int MaxCatchUpFrames = 2;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private IPacedSession[] _sessions = [];

    public MediaPacer(TimeProvider time) => _time = time;

    public void Add(IPacedSession session)
    {
        lock (_gate)
        {
            _sessions = [.. _sessions, session];
        }
    }

    public void Remove(IPacedSession session)
    {
        lock (_gate)
        {
            _sessions = Array.FindAll(_sessions, s => !ReferenceEquals(s, session));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var start = _time.GetTimestamp();
        long ticks = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = (long)(_time.GetElapsedTime(start) / FrameDuration);
            if (due - ticks > MaxCatchUpFrames)
            {
                ticks = due - MaxCatchUpFrames;
            }

            for (; ticks < due; ticks++)
            {
                foreach (var session in Volatile.Read(ref _sessions))
                {
                    if (!session.Tick())
                    {
                        Remove(session);
                    }
                }
            }

            var wait = (FrameDuration * (ticks + 1)) - _time.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
