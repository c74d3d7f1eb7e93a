namespace Hark.Host.Simulator;

/// <summary>
/// One real-time clock for every virtual caller: each 20 ms it ticks all sessions once, so a hundred
/// simulated calls cost one timer, not a hundred threads. Late ticks (a GC pause, a busy machine) are caught
/// up at once, up to <see cref="MaxCatchUpFrames"/>; beyond that the lost time is skipped, as a phone would.
/// </summary>
internal sealed class MediaPacer : BackgroundService
{
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);
    private const int MaxCatchUpFrames = 25;

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
