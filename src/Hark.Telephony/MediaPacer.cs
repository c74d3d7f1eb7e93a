using Microsoft.Extensions.Hosting;

namespace Hark.Telephony;

/// <summary>
/// One real-time clock for every call's media (virtual callers, RTP sessions): each 20 ms it ticks all sessions once, so a hundred
/// simulated calls cost one timer, not a hundred threads. After a late wake-up (a GC pause, a busy machine)
/// up to <see cref="MaxCatchUpFrames"/> ticks run back to back, so RTP sessions read their jitter buffers as fast
/// as audio arrived (up to a second, the buffers' depth); longer stalls are skipped. A virtual caller keeps step with
/// Hark's answers (the host's virtual caller), so a burst of ticks does not move it faster.
/// </summary>
public sealed class MediaPacer : BackgroundService
{
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);
    private const int MaxCatchUpFrames = 50;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private IPacedSession[] _sessions = [];

    // Released when a session is added, so the clock sleeps while no virtual call is connected.
    private readonly SemaphoreSlim _work = new(0, 1);

    public MediaPacer(TimeProvider time) => _time = time;

    public override void Dispose()
    {
        base.Dispose();
        _work.Dispose();
    }

    public void Add(IPacedSession session)
    {
        lock (_gate)
        {
            _sessions = [.. _sessions, session];
            if (_work.CurrentCount == 0)
            {
                _work.Release();
            }
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
            if (Volatile.Read(ref _sessions).Length == 0)
            {
                await _work.WaitAsync(stoppingToken).ConfigureAwait(false);
                start = _time.GetTimestamp();
                ticks = 0;
                continue;
            }

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
