using Hark.Media.Tones;

namespace Hark.Media.Tests.Tones;

public sealed class SilenceTests
{
    [Fact]
    public void Fill_DirtyBuffer_AllZero()
    {
        var buffer = new short[160];
        Array.Fill(buffer, (short)1234);
        Silence.Fill(buffer);
        Assert.All(buffer, s => Assert.Equal(0, s));
    }
}
