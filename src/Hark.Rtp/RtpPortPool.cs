namespace Hark.Rtp;

/// <summary>
/// Hands out RTP ports from a configured range: always even, with RTCP on the odd port above
/// (RFC 3550 section 11), never one already in use. Thread-safe.
/// </summary>
/// <remarks>
/// Allocation walks the range round-robin from after the last port handed out, so a port just
/// released is the last to be reused and stray packets of a finished call do not reach the next one.
/// The pool only books numbers; binding the sockets (and skipping a port some other process holds,
/// by releasing it and allocating again) is the caller's business.
/// </remarks>
public sealed class RtpPortPool
{
    private readonly Lock _lock = new();
    private readonly bool[] _inUse;
    private int _next;
    private int _count;

    /// <summary>Creates a pool over [<paramref name="minPort"/>, <paramref name="maxPort"/>]; both RTP and RTCP ports lie inside it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside 1–65535 or holds no even/odd pair.</exception>
    public RtpPortPool(int minPort, int maxPort)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPort, ushort.MaxValue);
        MinPort = minPort;
        MaxPort = maxPort;
        FirstPort = (minPort + 1) & ~1;
        var pairs = (maxPort - FirstPort + 1) / 2;
        if (pairs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPort), maxPort, $"The range {minPort}-{maxPort} holds no even RTP port with its RTCP port.");
        }

        _inUse = new bool[pairs];
    }

    /// <summary>Creates a pool from <see cref="RtpOptions"/>.</summary>
    public RtpPortPool(RtpOptions options)
        : this(options?.PortMin ?? throw new ArgumentNullException(nameof(options)), options.PortMax)
    {
    }

    /// <summary>Lowest port of the configured range.</summary>
    public int MinPort { get; }

    /// <summary>Highest port of the configured range.</summary>
    public int MaxPort { get; }

    /// <summary>Lowest RTP port handed out (<see cref="MinPort"/> rounded up to even).</summary>
    public int FirstPort { get; }

    /// <summary>How many RTP ports (sessions) the range holds.</summary>
    public int Capacity => _inUse.Length;

    /// <summary>RTP ports currently allocated.</summary>
    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Allocates an even RTP port (RTCP is the port + 1); false when every port is in use.</summary>
    public bool TryAllocate(out int port)
    {
        lock (_lock)
        {
            if (_count == _inUse.Length)
            {
                port = 0;
                return false;
            }

            while (_inUse[_next])
            {
                _next = (_next + 1) % _inUse.Length;
            }

            _inUse[_next] = true;
            _count++;
            port = FirstPort + (2 * _next);
            _next = (_next + 1) % _inUse.Length;
            return true;
        }
    }

    /// <summary>Allocates an even RTP port (RTCP is the port + 1).</summary>
    /// <exception cref="InvalidOperationException">Every port of the range is in use.</exception>
    public int Allocate() =>
        TryAllocate(out var port)
            ? port
            : throw new InvalidOperationException(
                $"No free RTP port: all {Capacity} ports of Hark:Rtp:PortMin-PortMax ({MinPort}-{MaxPort}) are in use.");

    /// <summary>Returns a port to the pool.</summary>
    /// <exception cref="ArgumentException">The port was not allocated from this pool (or was already released).</exception>
    public void Release(int port)
    {
        var index = (port - FirstPort) / 2;
        lock (_lock)
        {
            if (port < FirstPort || (port & 1) != 0 || index >= _inUse.Length || !_inUse[index])
            {
                throw new ArgumentException($"Port {port} is not an RTP port allocated from this pool.", nameof(port));
            }

            _inUse[index] = false;
            _count--;
        }
    }
}
