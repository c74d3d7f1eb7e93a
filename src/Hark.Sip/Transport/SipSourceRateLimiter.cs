using System.Net;

namespace Hark.Sip.Transport;

/// <summary>
/// A token bucket per source address (time from a <see cref="TimeProvider"/>, no I/O): <see cref="TryTake"/>
/// says whether one more event from that address fits its rate. The table is bounded: past its size, full
/// (idle) buckets are forgotten, and if none is idle the caller is refused rather than the table grown.
/// </summary>
internal sealed class SipSourceRateLimiter(TimeProvider time, double perSecond, double burst, int maxSources)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, Bucket> _buckets = [];

    public int TrackedSources
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    public bool TryTake(IPAddress source)
    {
        var now = time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            if (!_buckets.TryGetValue(source, out var bucket))
            {
                if (_buckets.Count >= maxSources && !Prune(now))
                {
                    return false;
                }

                bucket = new Bucket { Tokens = burst, Stamp = now };
                _buckets[source] = bucket;
            }

            bucket.Tokens = Math.Min(burst, bucket.Tokens + (TimeSpan.FromTicks(now - bucket.Stamp).TotalSeconds * perSecond));
            bucket.Stamp = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }

    // Forgets every source whose bucket has refilled: it has been quiet long enough to start afresh.
    private bool Prune(long now)
    {
        var refill = TimeSpan.FromSeconds(burst / perSecond);
        var before = _buckets.Count;
        foreach (var (address, bucket) in _buckets)
        {
            if (TimeSpan.FromTicks(now - bucket.Stamp) >= refill)
            {
                _buckets.Remove(address);
            }
        }

        return _buckets.Count < before;
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public long Stamp { get; set; }
    }
}
