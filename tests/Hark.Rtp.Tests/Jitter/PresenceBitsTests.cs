using Hark.Rtp.Jitter;

namespace Hark.Rtp.Tests.Jitter;

public sealed class PresenceBitsTests
{
    [Theory]
    [InlineData(0, 64)]
    [InlineData(60, 10)]
    [InlineData(5, 200)]
    [InlineData(127, 1)]
    public void SetRange_AcrossWords_ExactlyThoseBitsSetAndTheRangeQueriesAgree(int start, int count)
    {
        var bits = new PresenceBits(256);

        bits.SetRange(start, count);

        for (var i = 0; i < 256; i++)
        {
            Assert.Equal(i >= start && i < start + count, bits[i]);
        }

        Assert.True(bits.AllSet(start, count));
        Assert.False(bits.AllSet(Math.Max(0, start - 1), count + 1) && start > 0);
        Assert.True(bits.AnySet(0, 256));
        Assert.False(bits.AnySet(start + count, 256 - start - count));
    }

    [Fact]
    public void ClearRange_InsideASetRun_LeavesTheRestSet()
    {
        var bits = new PresenceBits(256);
        bits.SetRange(0, 256);

        bits.ClearRange(62, 70);

        Assert.True(bits.AllSet(0, 62));
        Assert.False(bits.AnySet(62, 70));
        Assert.True(bits.AllSet(132, 124));
        bits.ClearAll();
        Assert.False(bits.AnySet(0, 256));
    }
}
