using System.Net;
using System.Net.Sockets;
using Hark.Graph.Prompts;

namespace Hark.Graph.Tests.Prompts;

/// <summary>The connect step with a scripted DNS: every resolved address is checked, and only checked ones are used.</summary>
[Collection(PromptServerCollection.Name)]
public sealed class PromptConnectorTests(PromptTestServer server)
{
    [Fact]
    public async Task ConnectAsync_HostResolvesToAllowedAddress_ConnectsToIt()
    {
        using var client = Client(new PromptOptions(), "127.0.0.1");
        var url = server.Serve([1, 2, 3]);

        var body = await client.GetByteArrayAsync(url.Replace("127.0.0.1", "prompts.test", StringComparison.Ordinal));

        Assert.Equal([1, 2, 3], body);
    }

    [Fact]
    public async Task ConnectAsync_AnyResolvedAddressDisallowed_RefusesTheHost()
    {
        // A rebinding DNS answers with a good and a bad address; the good one must not make the host acceptable.
        using var client = Client(new PromptOptions(), "127.0.0.1", "169.254.169.254");
        var url = server.Serve([1, 2, 3]);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetByteArrayAsync(url.Replace("127.0.0.1", "rebind.test", StringComparison.Ordinal)));

        Assert.Equal("address 169.254.169.254 (host rebind.test) is link-local and not allowed", Refusal(failure));
        Assert.Equal(0, server.Requests(url));
    }

    [Fact]
    public async Task ConnectAsync_MappedAddressResolved_ShownAsIPv4()
    {
        using var client = Client(new PromptOptions { BlockPrivateNetworks = true }, "::ffff:10.0.0.7");

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetByteArrayAsync("http://intranet.test/p.wav"));

        Assert.Equal("address 10.0.0.7 (host intranet.test) is private and not allowed", Refusal(failure));
    }

    [Fact]
    public async Task ConnectAsync_HostUnknown_SaysSo()
    {
        var handler = PromptConnector.CreateHandler(new PromptOptions(), (_, _) => throw new SocketException((int)SocketError.HostNotFound));
        using var client = new HttpClient(handler);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetByteArrayAsync("http://nowhere.test/p.wav"));

        Assert.Equal("host nowhere.test could not be resolved", Refusal(failure));
    }

    [Fact]
    public void CreateHandler_Always_NoProxyNoOwnRedirects()
    {
        using var handler = PromptConnector.CreateHandler(new PromptOptions());

        Assert.False(handler.UseProxy);
        Assert.False(handler.AllowAutoRedirect);
        Assert.NotNull(handler.ConnectCallback);
    }

    private static HttpClient Client(PromptOptions options, params string[] addresses) =>
        new(PromptConnector.CreateHandler(options, (_, _) => Task.FromResult(addresses.Select(IPAddress.Parse).ToArray())));

    private static string? Refusal(Exception failure)
    {
        for (var inner = failure; inner is not null; inner = inner.InnerException)
        {
            if (inner is PromptConnectException refused)
            {
                return refused.Message;
            }
        }

        return null;
    }
}
