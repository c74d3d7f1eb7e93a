using Hark.Graph.Notifications;

namespace Hark.Graph.Tests.Notifications;

public sealed class HarkBaseUrlTests
{
    [Fact]
    public void Current_NothingConfiguredOrLearned_IsTheDefaultListenAddress()
    {
        Assert.Equal("http://127.0.0.1:5080", new HarkBaseUrl(null).Current);
    }

    [Fact]
    public void Current_FallbackSet_IsTheFallbackWithoutTrailingSlash()
    {
        var baseUrl = new HarkBaseUrl(" ") { Fallback = "http://127.0.0.1:6001/" };

        Assert.Null(baseUrl.Configured);
        Assert.Equal("http://127.0.0.1:6001", baseUrl.Current);
    }

    [Fact]
    public void Current_Configured_WinsOverTheFallback()
    {
        var baseUrl = new HarkBaseUrl("https://hark.example.com/base/") { Fallback = "http://127.0.0.1:6001" };

        Assert.Equal("https://hark.example.com/base", baseUrl.Configured);
        Assert.Equal("https://hark.example.com/base", baseUrl.Current);
    }
}
