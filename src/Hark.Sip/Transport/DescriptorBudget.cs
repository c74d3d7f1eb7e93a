namespace Hark.Sip.Transport;

/// <summary>
/// Decides whether an inbound connection just accepted leaves the process its descriptor reserve
/// (<see cref="SipLimits.DescriptorReserve"/>, at most a quarter of the soft limit). Called from the one accept loop.
/// </summary>
/// <remarks>
/// The soft limit is read on every accept (one syscall; prlimit can lower it while Hark runs). Linux gives the lowest
/// free descriptor, so a connection on descriptor N means 0..N-1 are open: at or past the ceiling that alone refuses,
/// with no counting. Below it the table may still be nearly full (descriptors closed out of order leave free ones
/// low), so the open ones are counted: at most once per <see cref="RecountInterval"/> while the last count plus what
/// this loop admitted since is more than a reserve below the ceiling, on every accept within that band.
/// </remarks>
internal sealed class DescriptorBudget(IDescriptorTable table, int reserve, TimeProvider time)
{
    /// <summary>How long a count stands; descriptors others open meanwhile come out of the reserve.</summary>
    public static readonly TimeSpan RecountInterval = TimeSpan.FromMilliseconds(250);

    private long _counted = -1;
    private long _countedAt;
    private long _admittedSince;

    /// <summary>True when the connection on <paramref name="descriptor"/> must be closed, and why.</summary>
    public bool IsShort(long descriptor, out DescriptorShortage shortage)
    {
        shortage = default;
        var limit = reserve == 0 ? null : table.SoftLimit();
        if (limit is null)
        {
            return false;
        }

        var kept = Math.Min(reserve, limit.Value / 4);
        var ceiling = limit.Value - kept;
        if (descriptor + 1 > ceiling)
        {
            shortage = new DescriptorShortage(descriptor + 1, limit.Value, kept);
            return true;
        }

        var now = time.GetUtcNow().UtcTicks;
        var estimate = _counted + _admittedSince + 1;
        var fresh = _counted >= 0 && TimeSpan.FromTicks(now - _countedAt) < RecountInterval;
        if (fresh && estimate > ceiling)
        {
            shortage = new DescriptorShortage(estimate, limit.Value, kept);
            return true;
        }

        if (fresh && estimate <= ceiling - kept)
        {
            _admittedSince++;
            return false;
        }

        // The count includes this connection's descriptor.
        var open = table.CountOpen(limit.Value);
        _counted = open ?? -1;
        _countedAt = now;
        _admittedSince = 0;
        if (open is null || open.Value > ceiling)
        {
            shortage = new DescriptorShortage(open ?? -1, limit.Value, kept);
            return true;
        }

        return false;
    }
}
