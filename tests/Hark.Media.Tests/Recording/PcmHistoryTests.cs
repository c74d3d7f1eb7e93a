using Hark.Media.Recording;

namespace Hark.Media.Tests.Recording;

public sealed class PcmHistoryTests
{
    [Fact]
    public void Read_AfterWrapping_ReturnsSamplesByAbsolutePosition()
    {
        var history = new PcmHistory(100);
        var all = new short[370];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = (short)i;
        }

        for (var i = 0; i < all.Length; i += 37)
        {
            history.Append(all.AsSpan(i, Math.Min(37, all.Length - i)));
        }

        Assert.Equal(370, history.End);
        Assert.Equal(270, history.Start);
        var buffer = new short[64];
        Assert.Equal(64, history.Read(280, buffer));
        Assert.Equal(all.AsSpan(280, 64).ToArray(), buffer);
        Assert.Equal(10, history.Read(360, buffer));
        Assert.Equal(all.AsSpan(360, 10).ToArray(), buffer.AsSpan(0, 10).ToArray());
    }

    [Fact]
    public void Append_LongerThanCapacity_KeepsTheNewestSamples()
    {
        var history = new PcmHistory(4);
        history.Append([1, 2, 3, 4, 5, 6, 7]);

        var buffer = new short[4];
        Assert.Equal(4, history.Read(3, buffer));
        Assert.Equal(new short[] { 4, 5, 6, 7 }, buffer);
    }

    [Fact]
    public void Read_OutsideTheHeldRange_Throws()
    {
        var history = new PcmHistory(10);
        history.Append(new short[25]);

        Assert.Throws<ArgumentOutOfRangeException>(() => history.Read(14, new short[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => history.Read(26, new short[1]));
        Assert.Equal(0, history.Read(25, new short[1]));
    }
}
