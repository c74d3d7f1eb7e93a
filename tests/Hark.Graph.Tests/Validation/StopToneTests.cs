using Hark.Graph.Validation;

namespace Hark.Graph.Tests.Validation;

public sealed class StopToneTests
{
    [Theory]
    [InlineData("0", '0')]
    [InlineData("9", '9')]
    [InlineData("*", '*')]
    [InlineData("#", '#')]
    [InlineData("A", 'A')]
    [InlineData("d", 'D')]
    [InlineData("tone0", '0')]
    [InlineData("Tone7", '7')]
    [InlineData("star", '*')]
    [InlineData("POUND", '#')]
    public void TryParse_KeyOrToneName_Key(string value, char expected)
    {
        Assert.True(StopTone.TryParse(value, out var key));
        Assert.Equal(expected, key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("E")]
    [InlineData("10")]
    [InlineData("tone10")]
    [InlineData("toneA")]
    [InlineData("flash")]
    [InlineData("Stop Tones value")]
    public void TryParse_NotADtmfKey_False(string? value)
    {
        Assert.False(StopTone.TryParse(value, out _));
    }
}
