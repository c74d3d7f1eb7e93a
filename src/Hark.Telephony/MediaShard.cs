using Hark.Rtp.Sessions;
using Microsoft.Extensions.Logging;

namespace Hark.Telephony;

/// <summary>
/// One dedicated media thread and the calls it owns: every 20 ms on its own clock it ticks each of them once, inline
/// (socket drained, jitter buffer, the call's media processing, Hark's packet sent), with no hop to another thread.
/// After a late wake-up (a GC pause, a busy machine) up to <see cref="MediaPacer.MaxCatchUpFrames"/> ticks run back to
/// back; longer stalls are skipped, which RTP sessions do not mind (they play out by media time).
/// </summary>
/// <remarks>
/// <para>Where the kernel allows it (<see cref="MediaEngineOptions.IoUring"/>), the thread owns an io_uring and each
/// tick starts with one poll of it: every call's datagrams at once, handed to their sessions before they tick; else
/// each session reads its own socket on its tick.</para>
/// With the system clock the thread sleeps in a timed wait: no timer callback and no thread-pool work per tick. Any
/// other <see cref="TimeProvider"/> (a test's fake clock) wakes it through one reused timer.
/// </remarks>
internal sealed class MediaShard : IDisposable
{
    private readonly MediaPacer _pacer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
    private readonly ITimer? _timer;

    // Held for one round of ticks; MediaPacer.Hold takes it once so that, when Hold returns, no round is running.
    private readonly Lock _round = new();
    private readonly Lock _membership = new();
    private IPacedSession[] _sessions = [];
    private Thread? _thread;
    private long _lagTicks;
    private volatile bool _stopping;
    private readonly int _nice;
    private readonly bool _ioUring;

    // Created, polled and disposed on the shard's thread (its only submitter); read elsewhere to attach new sessions.
    private volatile UringReceiver? _ring;

    public MediaShard(MediaPacer pacer, int index, TimeProvider time, ILogger logger, int nice = 0, bool ioUring = false)
    {
        _nice = nice;
        _ioUring = ioUring;
        _pacer = pacer;
        Index = index;
        _time = time;
        _logger = logger;
        if (!ReferenceEquals(time, TimeProvider.System))
        {
            _timer = time.CreateTimer(static state => ((ManualResetEventSlim)state!).Set(), _wake, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public int Index { get; }

    /// <summary>Sessions this shard ticks.</summary>
    public int Count => Volatile.Read(ref _sessions).Length;

    /// <summary>How far behind its clock this shard's last round started; zero while it has no session.</summary>
    public TimeSpan Lag => TimeSpan.FromTicks(Volatile.Read(ref _lagTicks));

    /// <summary>The thread's managed id once started (tests check which thread ticks what).</summary>
    public int ThreadId => _thread?.ManagedThreadId ?? -1;

    /// <summary>True while this shard receives through io_uring (tests check which path runs).</summary>
    internal bool ReceivesThroughRing => _ring is not null;

    public void Add(IPacedSession session)
    {
        lock (_membership)
        {
            _sessions = [.. _sessions, session];
        }

        // Armed by the shard's next poll; until then its packets wait in the socket.
        if (_ring is { } ring && session.Receiver is { } receiver)
        {
            ring.TryAttach(receiver);
        }

        _wake.Set();
    }

    public bool Contains(IPacedSession session) => Array.IndexOf(Volatile.Read(ref _sessions), session) >= 0;

    public bool Remove(IPacedSession session)
    {
        lock (_membership)
        {
            var index = Array.IndexOf(_sessions, session);
            if (index < 0)
            {
                return false;
            }

            var rest = new IPacedSession[_sessions.Length - 1];
            Array.Copy(_sessions, rest, index);
            Array.Copy(_sessions, index + 1, rest, index, rest.Length - index);
            _sessions = rest;
            return true;
        }
    }

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = $"hark-media-{Index}" };
        _thread.Start();
    }

    public void Wake() => _wake.Set();

    public void Stop()
    {
        _stopping = true;
        _wake.Set();
    }

    public void Join() => _thread?.Join();

    /// <summary>Returns once no round of ticks is running; with the pacer held, none starts until it is released.</summary>
    public void Quiesce()
    {
        lock (_round)
        {
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _wake.Dispose();
    }

    private void Run()
    {
        var error = MediaThreadPriority.TrySet(_nice);
        if (Index == 0 && _nice != 0)
        {
            if (error == 0)
            {
                TelephonyLog.MediaThreadsRaised(_logger, _nice);
            }
            else
            {
                TelephonyLog.MediaThreadsNotRaised(_logger, _nice, error);
            }
        }

        if (_ioUring)
        {
            CreateRing();
        }

        try
        {
            RunTicks();
        }
        finally
        {
            // Closing the ring cancels its receives: sessions still in it read their sockets again, or close them.
            _ring?.Dispose();
            _ring = null;
        }
    }

    private void RunTicks()
    {
        long start = 0;
        long ticks = 0;
        var idle = true;
        while (!_stopping)
        {
            // Reset before looking at anything, so a wake-up (a session added, a release, a stop) after this is not lost.
            _wake.Reset();
            if (_pacer.IsHeld)
            {
                _pacer.WaitResumed();
                continue;
            }

            if (_ring?.HasDetachWaiting == true)
            {
                // A session left and waits for the ring to let go of its socket (its port): a poll now cancels its
                // receive rather than at the next tick, which never comes once the shard has no session.
                lock (_round)
                {
                    PollRing();
                }
            }

            if (Count == 0)
            {
                Volatile.Write(ref _lagTicks, 0);
                idle = true;
                if (_ring?.HasDetachWaiting == true)
                {
                    _wake.Wait(MediaPacer.FrameDuration);
                    continue;
                }

                _wake.Wait();
                continue;
            }

            if (idle)
            {
                start = _time.GetTimestamp();
                ticks = 0;
                idle = false;
            }

            var wait = RunDue(start, ref ticks);
            if (wait > TimeSpan.Zero)
            {
                Sleep(wait);
            }
        }
    }

    // Every tick due since the shard's clock started, catching up at most MaxCatchUpFrames; the time until the next one.
    private TimeSpan RunDue(long start, ref long ticks)
    {
        lock (_round)
        {
            if (_pacer.IsHeld)
            {
                return TimeSpan.Zero;
            }

            var elapsed = _time.GetElapsedTime(start);
            var due = (long)(elapsed / MediaPacer.FrameDuration);
            Volatile.Write(ref _lagTicks, Math.Max(0, (elapsed - (MediaPacer.FrameDuration * (ticks + 1))).Ticks));
            if (due - ticks > MediaPacer.MaxCatchUpFrames)
            {
                ticks = due - MediaPacer.MaxCatchUpFrames;
            }

            for (; ticks < due; ticks++)
            {
                PollRing();
                foreach (var session in Volatile.Read(ref _sessions))
                {
                    Tick(session);
                }
            }
        }

        return (MediaPacer.FrameDuration * (ticks + 1)) - _time.GetElapsedTime(start);
    }

    private void CreateRing()
    {
        var ring = UringReceiver.TryCreate(out var error);
        if (ring is null)
        {
            LogFallback("io_uring_setup refused", -error);
            return;
        }

        ring.DetachQueued = _wake.Set;
        ring.DeliveryFailed = ex => TelephonyLog.TickFailed(_logger, ex);
        _ring = ring;
        if (Index == 0)
        {
            TelephonyLog.MediaReceiveWithIoUring(_logger, UringReceiver.BufferCount, UringReceiver.BufferSize);
        }

        // Sessions added before the ring existed.
        foreach (var session in Volatile.Read(ref _sessions))
        {
            if (session.Receiver is { } receiver)
            {
                ring.TryAttach(receiver);
            }
        }
    }

    // One poll of the ring: every session's datagrams since the last, handed over before the sessions tick.
    private void PollRing()
    {
        if (_ring is not { } ring)
        {
            return;
        }

        ring.Poll();
        if (ring.Failed)
        {
            // The kernel sets up rings but refuses a multishot receive (before 6.0): the sessions read their sockets.
            LogFallback("multishot recvmsg refused", 22);
            _ring = null;
            ring.Dispose();
        }
    }

    private void LogFallback(string reason, int errno)
    {
        if (_pacer.FirstReceiveFallback())
        {
            TelephonyLog.MediaReceiveWithoutIoUring(_logger, reason, errno);
        }
    }

    private void Sleep(TimeSpan wait)
    {
        if (_timer is null)
        {
            // Whole milliseconds, rounded up: the wait takes milliseconds, and a remainder rounded down to 0 would spin.
            _wake.Wait((int)Math.Ceiling(wait.TotalMilliseconds));
            return;
        }

        _timer.Change(wait, Timeout.InfiniteTimeSpan);
        _wake.Wait();
    }

    // One session's failure is its own: logged, and the shard goes on for every other call.
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
}
