using Hark.Host.Tests.Operations;
using Hark.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Hark.Host.Tests.Security;

/// <summary>A bot on the real Microsoft.Graph SDK meets <c>Hark:Http:MaxConcurrentConnections</c>: its retry handler gets it through.</summary>
public sealed class HttpConnectionLimitSdkTests
{
    [Fact]
    public async Task GraphSdk_PastMaxConcurrentConnections_GetsThroughByItsRetryOnceASlotFrees()
    {
        using var refusals = new MetricCounter("Hark.Host", "hark.http.refused");
        await using var hark = await TestHark.StartAsync(callbackUri: null, "--Hark:Http:MaxConcurrentConnections=2");

        // The token request's pooled connection is one; a held connection, served once, the other.
        var token = await hark.BotTokenAsync();
        var port = new Uri(hark.BaseUrl).Port;
        var held = await HttpConnectionLimitTests.ConnectAsync(port);
        Assert.StartsWith("HTTP/1.1 200", await HttpConnectionLimitTests.GetHealthAsync(held, keepAlive: true), StringComparison.Ordinal);

        var harkBase = new Uri(hark.BaseUrl);
        var client = new GraphServiceClient(
            new BaseBearerTokenAuthenticationProvider(new TokenProvider(token, harkBase)), new Uri(harkBase, "/v1.0").ToString());
        var request = client.Communications.Calls[Guid.NewGuid().ToString()].GetAsync();

        // Its first attempt is refused with 503; the held connection closes, and a retry (after Retry-After) is served.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (refusals.Of("limit") == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(refusals.Of("limit") > 0, "the SDK's first attempt was not refused");
        held.Dispose();

        // Hark's own answer for an unknown call: the request got through (neither a 503 nor an HttpRequestException).
        var error = await Assert.ThrowsAsync<ODataError>(() => request);
        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("8522", error.Error?.Code);
        client.Dispose();
    }

    private sealed class TokenProvider(string token, Uri host) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new([host.Host]);

        public Task<string> GetAuthorizationTokenAsync(
            Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(token);
    }
}
