using Hark.Rtp;

namespace Hark.Rtp.Tests;

public sealed class RtpPortPoolTests
{
    [Fact]
    public void Allocate_UntilExhausted_GivesEachEvenPortOnceThenFailsClearly()
    {
        var pool = new RtpPortPool(20000, 20005);

        int[] ports = [pool.Allocate(), pool.Allocate(), pool.Allocate()];

        Assert.Equal([20000, 20002, 20004], ports);
        Assert.False(pool.TryAllocate(out _));
        var error = Assert.Throws<InvalidOperationException>(() => pool.Allocate());
        Assert.Contains("20000-20005", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, pool.InUse);
    }

    [Fact]
    public void Release_ThenAllocate_ReusesOnlyTheFreedPort()
    {
        var pool = new RtpPortPool(20000, 20005);
        _ = pool.Allocate();
        var second = pool.Allocate();
        _ = pool.Allocate();

        pool.Release(second);

        Assert.Equal(second, pool.Allocate());
        Assert.False(pool.TryAllocate(out _));
    }

    [Fact]
    public void Allocate_AfterRelease_PrefersPortsNotJustReleased()
    {
        var pool = new RtpPortPool(20000, 20009);
        var first = pool.Allocate();
        pool.Release(first);

        Assert.NotEqual(first, pool.Allocate());
    }

    [Fact]
    public void Constructor_OddBounds_KeepsRtcpInsideRange()
    {
        var pool = new RtpPortPool(20001, 20006);

        Assert.Equal(2, pool.Capacity);
        Assert.Equal([20002, 20004], new[] { pool.Allocate(), pool.Allocate() });
    }

    [Fact]
    public void Constructor_RangeWithoutPair_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPortPool(20001, 20002));

    [Theory]
    [InlineData(20001)]
    [InlineData(20002)]
    [InlineData(19998)]
    [InlineData(30000)]
    public void Release_PortNotAllocated_Throws(int port)
    {
        var pool = new RtpPortPool(20000, 20009);
        _ = pool.Allocate();

        Assert.Throws<ArgumentException>(() => pool.Release(port));
    }

    [Fact]
    public void Allocate_FromManyThreads_NeverHandsOutAPortTwice()
    {
        var pool = new RtpPortPool(20000, 21999);
        var bags = new List<int>[4];

        Parallel.For(0, 4, t =>
        {
            bags[t] = [];
            var releasedOnce = new HashSet<int>();
            while (pool.TryAllocate(out var port))
            {
                bags[t].Add(port);
                if (port % 3 == 0 && releasedOnce.Add(port))
                {
                    pool.Release(port);
                    bags[t].Remove(port);
                }
            }
        });

        var all = bags.SelectMany(b => b).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(pool.Capacity, all.Count);
        Assert.Equal(pool.Capacity, pool.InUse);
    }

    [Fact]
    public void RtpOptions_Defaults_GiveFiveThousandPorts() =>
        Assert.Equal(5000, new RtpPortPool(new RtpOptions()).Capacity);
}
