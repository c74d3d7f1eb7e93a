using Hark.Graph.Outbound;

namespace Hark.Graph.Tests.Outbound;

public sealed class UriDisplayTests
{
    [Theory]
    [InlineData("https://bot.example.com/cb", "https://bot.example.com/cb")]
    [InlineData("https://bot.example.com/cb?code=secret", "https://bot.example.com/cb?…")]
    [InlineData("https://bot.example.com/cb#token=secret", "https://bot.example.com/cb?…")]
    [InlineData("https://user:secret@bot.example.com:8443/cb", "https://…@bot.example.com:8443/cb")]
    [InlineData("https://user:secret@bot.example.com", "https://…@bot.example.com")]
    [InlineData("https://bot.example.com/a@b/c", "https://bot.example.com/a@b/c")]
    [InlineData("data:audio/wav;base64,UklGRg==", "data:audio/wav;base64,…")]
    [InlineData("?secret", "?…")]
    [InlineData("", "")]
    public void Shorten_Uri_KeepsSchemeHostAndPathOnly(string uri, string shown) => Assert.Equal(shown, UriDisplay.Shorten(uri));

    [Fact]
    public void Shorten_LongPath_CutAt200Characters() =>
        Assert.Equal(201, UriDisplay.Shorten("https://h/" + new string('a', 500)).Length);
}
