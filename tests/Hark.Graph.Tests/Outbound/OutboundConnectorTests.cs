using System.Net;
using System.Net.Sockets;
using Hark.Graph.Outbound;
using Hark.Graph.Tests.Prompts;

namespace Hark.Graph.Tests.Outbound;

/// <summary>The connect step with a scripted DNS: every resolved address is checked, and only checked ones are used.</summary>
[Collection(PromptServerCollection.Name)]
public sealed class OutboundConnectorTests(PromptTestServer server)
{
    [Fact]
    public async Task ConnectAsync_HostResolvesToAllowedAddress_ConnectsToIt()
    {
        using var client = Client(new OutboundOptions(), "127.0.0.1");
        var url = server.Serve([1, 2, 3]);

        var body = await client.GetByteArrayAsync(url.Replace("127.0.0.1", "prompts.test", StringComparison.Ordinal));

        Assert.Equal([1, 2, 3], body);
    }

    [Fact]
    public async Task ConnectAsync_AnyResolvedAddressDisallowed_RefusesTheHost()
    {
        // A rebinding DNS answers with a good and a bad address; the good one must not make the host acceptable.
        using var client = Client(new OutboundOptions(), "127.0.0.1", "169.254.169.254");
        var url = server.Serve([1, 2, 3]);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetByteArrayAsync(url.Replace("127.0.0.1", "rebind.test", StringComparison.Ordinal)));

        Assert.Equal("address 169.254.169.254 (host rebind.test) is link-local and not allowed", Refusal(failure));
        Assert.Equal(0, server.Requests(url));
    }

    [Fact]
    public async Task ConnectAsync_MappedAddressResolved_ShownAsIPv4()
    {
        using var client = Client(new OutboundOptions { BlockPrivateNetworks = true }, "::ffff:10.0.0.7");

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetByteArrayAsync("http://intranet.test/p.wav"));

        Assert.Equal("address 10.0.0.7 (host intranet.test) is private and not allowed", Refusal(failure));
    }

    [Theory]
    [InlineData("metadata.google.internal")]
    [InlineData("metadata.goog")]
    public async Task ConnectAsync_MetadataServiceName_RefusedBeforeResolving(string host)
    {
        var resolved = 0;
        using var client = new HttpClient(OutboundConnector.CreateHandler(new OutboundOptions(), Timeout, (_, _) =>
        {
            Interlocked.Increment(ref resolved);
            return Task.FromResult(new[] { IPAddress.Loopback });
        }));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetByteArrayAsync($"http://{host}/computeMetadata/v1/"));

        Assert.Equal($"host {host} is a cloud metadata service and not allowed", Refusal(failure));
        Assert.Equal(0, resolved);
    }

    [Theory]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fd00:ec2::254", "a cloud metadata address")]
    [InlineData("100.100.100.200", "a cloud metadata address")]
    public async Task ConnectAsync_NameResolvingToMetadata_RefusedEvenWithPrivateNetworksAllowed(string address, string reason)
    {
        using var client = Client(new OutboundOptions { BlockPrivateNetworks = false }, address);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetByteArrayAsync("http://innocent.test/p.wav"));

        Assert.Equal($"address {address} (host innocent.test) is {reason} and not allowed", Refusal(failure));
    }

    [Fact]
    public async Task ConnectAsync_DnsAnswerChangesAfterFirstConnect_EachConnectChecked()
    {
        // Resolution is checked at every connect, not once when the URL was accepted: a second connection (a new pooled
        // connection, or a redirect hop) whose DNS answer has changed to a metadata address is refused.
        var answers = new Queue<string>(["127.0.0.1", "169.254.169.254"]);
        using var client = new HttpClient(OutboundConnector.CreateHandler(
            new OutboundOptions(), Timeout, (_, _) => Task.FromResult(new[] { IPAddress.Parse(answers.Dequeue()) })));
        var url = server.Serve([7]).Replace("127.0.0.1", "rebinding.test", StringComparison.Ordinal);
        using (var first = new HttpRequestMessage(HttpMethod.Get, url))
        {
            first.Headers.ConnectionClose = true;
            using var response = await client.SendAsync(first);
            Assert.Equal([7], await response.Content.ReadAsByteArrayAsync());
        }

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetByteArrayAsync(url));

        Assert.Equal("address 169.254.169.254 (host rebinding.test) is link-local and not allowed", Refusal(failure));
    }

    [Fact]
    public async Task ConnectAsync_HostUnknown_SaysSo()
    {
        var handler = OutboundConnector.CreateHandler(new OutboundOptions(), Timeout, (_, _) => throw new SocketException((int)SocketError.HostNotFound));
        using var client = new HttpClient(handler);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetByteArrayAsync("http://nowhere.test/p.wav"));

        Assert.Equal("host nowhere.test could not be resolved", Refusal(failure));
    }

    [Fact]
    public void CreateHandler_Always_NoProxyNoOwnRedirects()
    {
        using var handler = OutboundConnector.CreateHandler(new OutboundOptions(), Timeout);

        Assert.False(handler.UseProxy);
        Assert.False(handler.AllowAutoRedirect);
        Assert.NotNull(handler.ConnectCallback);
    }

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static HttpClient Client(OutboundOptions options, params string[] addresses) =>
        new(OutboundConnector.CreateHandler(options, Timeout, (_, _) => Task.FromResult(addresses.Select(IPAddress.Parse).ToArray())));

    private static string? Refusal(Exception failure)
    {
        for (var inner = failure; inner is not null; inner = inner.InnerException)
        {
            if (inner is OutboundConnectException refused)
            {
                return refused.Message;
            }
        }

        return null;
    }
}
