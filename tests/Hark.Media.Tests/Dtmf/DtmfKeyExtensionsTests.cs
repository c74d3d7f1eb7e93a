using Hark.Media.Dtmf;

namespace Hark.Media.Tests.Dtmf;

public sealed class DtmfKeyExtensionsTests
{
    [Theory]
    [InlineData('0', DtmfKey.Digit0)]
    [InlineData('9', DtmfKey.Digit9)]
    [InlineData('*', DtmfKey.Star)]
    [InlineData('#', DtmfKey.Pound)]
    [InlineData('a', DtmfKey.A)]
    [InlineData('D', DtmfKey.D)]
    [InlineData('!', DtmfKey.Flash)]
    public void TryParse_KeypadCharacter_RoundTrips(char c, DtmfKey expected)
    {
        Assert.True(DtmfKeyExtensions.TryParse(c, out var key));
        Assert.Equal(expected, key);
        Assert.Equal(char.ToUpperInvariant(c), key.ToChar());
    }

    [Theory]
    [InlineData('x')]
    [InlineData(' ')]
    [InlineData('E')]
    public void TryParse_OtherCharacter_ReturnsFalse(char c) => Assert.False(DtmfKeyExtensions.TryParse(c, out _));

    [Theory]
    [InlineData(DtmfKey.Digit1, 697, 1209)]
    [InlineData(DtmfKey.Digit0, 941, 1336)]
    [InlineData(DtmfKey.Pound, 941, 1477)]
    [InlineData(DtmfKey.D, 941, 1633)]
    [InlineData(DtmfKey.A, 697, 1633)]
    public void TryGetFrequencies_Key_GivesTheQ23Pair(DtmfKey key, double low, double high)
    {
        Assert.True(key.TryGetFrequencies(out var lowHz, out var highHz));
        Assert.Equal(low, lowHz);
        Assert.Equal(high, highHz);
    }

    [Fact]
    public void TryGetFrequencies_Flash_ReturnsFalse() => Assert.False(DtmfKey.Flash.TryGetFrequencies(out _, out _));
}
