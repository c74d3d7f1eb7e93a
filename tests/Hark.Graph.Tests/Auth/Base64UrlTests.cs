using Hark.Graph.Auth;

namespace Hark.Graph.Tests.Auth;

public sealed class Base64UrlTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(257)]
    public void Encode_AnyLength_MatchesFrameworkBase64WithUrlAlphabet(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);

        Assert.Equal(JwtTestHelpers.ToBase64Url(data), Base64Url.Encode(data));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(64)]
    public void TryDecode_EncodedBytes_RoundTrips(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);

        Assert.True(Base64Url.TryDecode(Base64Url.Encode(data), out var decoded));
        Assert.Equal(data, decoded);
    }

    [Theory]
    [InlineData("QQ==")] // padding
    [InlineData("a+b/")] // standard alphabet
    [InlineData("QUJD!")] // stray character
    [InlineData("QUJDR")] // length 1 mod 4
    [InlineData("QR")] // non-zero leftover bits: second spelling of "A"
    public void TryDecode_NonCanonicalInput_IsRejected(string text)
    {
        Assert.False(Base64Url.TryDecode(text, out _));
    }
}
