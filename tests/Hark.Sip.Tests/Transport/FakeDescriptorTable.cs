using Hark.Sip.Transport;

namespace Hark.Sip.Tests.Transport;

/// <summary>
/// A descriptor table whose limit and open count the test sets (the accept loop reads them on its own thread),
/// counting how often it was counted.
/// </summary>
internal sealed class FakeDescriptorTable : IDescriptorTable
{
    private readonly Lock _gate = new();
    private long? _limit = 1024;
    private long? _open = 100;
    private int _counts;

    /// <summary>The soft limit; null: none known.</summary>
    public long? Limit
    {
        get
        {
            lock (_gate)
            {
                return _limit;
            }
        }

        set
        {
            lock (_gate)
            {
                _limit = value;
            }
        }
    }

    /// <summary>What a count finds; null: the count fails.</summary>
    public long? Open
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }

        set
        {
            lock (_gate)
            {
                _open = value;
            }
        }
    }

    public int Counts
    {
        get
        {
            lock (_gate)
            {
                return _counts;
            }
        }
    }

    public long? SoftLimit() => Limit;

    public long? CountOpen(long limit)
    {
        lock (_gate)
        {
            _counts++;
            return _open;
        }
    }
}
