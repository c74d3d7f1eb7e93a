using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hark.Telephony;

/// <summary>
/// One real-time clock for every call's media (virtual callers, RTP sessions): each 20 ms it ticks all sessions once, so a hundred
/// calls cost one timer, not a hundred threads. An RTP session's tick drains its socket and plays out in media
/// time, so a late tick delays audio but loses none. After a late wake-up (a GC pause, a busy machine) up to
/// <see cref="MaxCatchUpFrames"/> ticks run back to back for the virtual callers, which say one frame per tick and
/// keep step with Hark's answers; longer stalls are skipped. How late the clock runs is <see cref="Lag"/>.
/// </summary>
public sealed class MediaPacer : BackgroundService
{
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);
    private const int MaxCatchUpFrames = 50;

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private IPacedSession[] _sessions = [];
    private long _lagTicks;
    private int _holds;
    private TaskCompletionSource _resumed = NewResumed();

    // Released when a session is added, so the clock sleeps while no virtual call is connected.
    private readonly SemaphoreSlim _work = new(0, 1);

    public MediaPacer(TimeProvider time, ILogger<MediaPacer>? logger = null)
    {
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>How far behind real time the last round of ticks started (zero while idle); admission control reads it.</summary>
    public TimeSpan Lag => TimeSpan.FromTicks(Volatile.Read(ref _lagTicks));

    /// <summary>Sessions being ticked.</summary>
    public int Count => Volatile.Read(ref _sessions).Length;

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

    /// <summary>
    /// Stops the clock until the returned handle is disposed, as a starved machine would: a test hook for the
    /// promise that a stalled engine delays media but loses none of it.
    /// </summary>
    public IDisposable Hold()
    {
        lock (_gate)
        {
            _holds++;
        }

        return new Holder(this);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var start = _time.GetTimestamp();
        long ticks = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref _holds) > 0)
            {
                Task resumed;
                lock (_gate)
                {
                    resumed = _resumed.Task;
                }

                await resumed.WaitAsync(stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (Volatile.Read(ref _sessions).Length == 0)
            {
                Volatile.Write(ref _lagTicks, 0);
                await _work.WaitAsync(stoppingToken).ConfigureAwait(false);
                start = _time.GetTimestamp();
                ticks = 0;
                continue;
            }

            var elapsed = _time.GetElapsedTime(start);
            var due = (long)(elapsed / FrameDuration);
            Volatile.Write(ref _lagTicks, Math.Max(0, (elapsed - (FrameDuration * (ticks + 1))).Ticks));
            if (due - ticks > MaxCatchUpFrames)
            {
                ticks = due - MaxCatchUpFrames;
            }

            for (; ticks < due; ticks++)
            {
                foreach (var session in Volatile.Read(ref _sessions))
                {
                    Tick(session);
                }
            }

            var wait = (FrameDuration * (ticks + 1)) - _time.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static TaskCompletionSource NewResumed() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // One session's failure is its own: logged, and the clock goes on for every other call.
    private void Tick(IPacedSession session)
    {
        try
        {
            if (!session.Tick())
            {
                Remove(session);
            }
        }
#pragma warning disable CA1031 // Whatever one call's media throws, the other calls' media must go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            TelephonyLog.TickFailed(_logger, ex);
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            if (--_holds == 0)
            {
                _resumed.TrySetResult();
                _resumed = NewResumed();
            }
        }
    }

    private sealed class Holder(MediaPacer pacer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                pacer.Release();
            }
        }
    }
}
