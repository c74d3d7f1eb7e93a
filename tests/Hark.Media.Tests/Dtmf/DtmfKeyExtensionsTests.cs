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
}
