using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hark.Telephony;

/// <summary>
/// The media engine: a small fixed set of dedicated threads (<see cref="MediaEngineOptions.Threads"/>, one per core by
/// default), each a <see cref="MediaShard"/> owning some of the calls (a new call goes to the shard with the fewest)
/// and ticking them every 20 ms on its own clock. A call's whole media path runs inline on its shard's tick, so a
/// thousand calls cost a couple of threads and no per-frame hand-off. How late the engine runs is <see cref="Lag"/>,
/// the worst shard's.
/// </summary>
public sealed class MediaPacer : IHostedService, IDisposable
{
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    /// <summary>Ticks a shard runs back to back after a late wake-up; a longer stall is skipped.</summary>
    internal const int MaxCatchUpFrames = 50;

    private readonly MediaShard[] _shards;
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _resumed = new(true, spinCount: 0);
    private int _holds;
    private int _receiveFallbackLogged;
    private int _started;

    public MediaPacer(TimeProvider time, ILogger<MediaPacer>? logger = null, IOptions<MediaEngineOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var settings = options?.Value ?? new MediaEngineOptions();
        var log = logger ?? (ILogger)NullLogger.Instance;
        _shards = new MediaShard[settings.EffectiveThreads];
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new MediaShard(this, i, time, log, settings.ThreadNice, settings.IoUring);
        }
    }

    /// <summary>How far behind real time the worst shard's last round of ticks started (zero while idle); admission control reads it.</summary>
    public TimeSpan Lag
    {
        get
        {
            var worst = TimeSpan.Zero;
            foreach (var shard in _shards)
            {
                var lag = shard.Lag;
                if (lag > worst)
                {
                    worst = lag;
                }
            }

            return worst;
        }
    }

    /// <summary>Sessions being ticked, over all shards.</summary>
    public int Count => _shards.Sum(s => s.Count);

    /// <summary>Media threads.</summary>
    public int Threads => _shards.Length;

    /// <summary>Sessions per shard, in shard order.</summary>
    internal int[] ShardLoads => [.. _shards.Select(s => s.Count)];

    /// <summary>Shards receiving through io_uring (tests check which path runs).</summary>
    internal int RingShards => _shards.Count(s => s.ReceivesThroughRing);

    internal bool IsHeld => Volatile.Read(ref _holds) > 0;

    /// <summary>The shard thread that ticks <paramref name="session"/>, or -1 (tests check the sharding).</summary>
    internal int ThreadOf(IPacedSession session) => _shards.FirstOrDefault(s => s.Contains(session))?.ThreadId ?? -1;

    /// <summary>Hands <paramref name="session"/> to the shard with the fewest sessions; it is ticked from the next round on.</summary>
    public void Add(IPacedSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            var least = _shards[0];
            foreach (var shard in _shards)
            {
                if (shard.Count < least.Count)
                {
                    least = shard;
                }
            }

            least.Add(session);
        }
    }

    /// <summary>Stops ticking <paramref name="session"/> (a round already running may tick it once more).</summary>
    public void Remove(IPacedSession session)
    {
        foreach (var shard in _shards)
        {
            if (shard.Remove(session))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Stops every shard's clock until the returned handle is disposed, as a starved machine would: a test hook for the
    /// promise that a stalled engine delays media but loses none of it. Returns once no shard is in a round of ticks.
    /// </summary>
    public IDisposable Hold()
    {
        lock (_gate)
        {
            if (_holds++ == 0)
            {
                _resumed.Reset();
            }
        }

        foreach (var shard in _shards)
        {
            shard.Quiesce();
        }

        return new Holder(this);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            foreach (var shard in _shards)
            {
                shard.Start();
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        StopShards();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        StopShards();
        foreach (var shard in _shards)
        {
            shard.Dispose();
        }

        _resumed.Dispose();
    }

    internal void WaitResumed() => _resumed.Wait();

    /// <summary>True for the first shard that finds io_uring unavailable: the engine logs it once, not once per thread.</summary>
    internal bool FirstReceiveFallback() => Interlocked.Exchange(ref _receiveFallbackLogged, 1) == 0;

    private void StopShards()
    {
        if (Interlocked.Exchange(ref _started, 2) != 1)
        {
            return;
        }

        foreach (var shard in _shards)
        {
            shard.Stop();
        }

        // A held shard waits for the release: let it go, it sees the stop and ends.
        _resumed.Set();
        foreach (var shard in _shards)
        {
            shard.Join();
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            if (--_holds == 0)
            {
                _resumed.Set();
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
