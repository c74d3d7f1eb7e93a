using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Hark.Graph.Auth;
using Hark.Graph.Notifications;
using Hark.Graph.Outbound;
using Hark.Graph.Tests.Auth;
using Microsoft.AspNetCore.Http;
using Outcome = Hark.Graph.Tests.Notifications.FakeNotificationOutbox.Outcome;

namespace Hark.Graph.Tests.Notifications;

/// <summary>What one notification POST looks like on the wire, and which answers count as failures.</summary>
public sealed class WebhookSenderTests(SigningKeyFixture keys) : IClassFixture<SigningKeyFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task SendAsync_Delivery_PostsThePayloadWithJsonAndIdHeaders()
    {
        await using var harness = new WebhookHarness(keys.Keys);
        var (_, message) = harness.Add("call-a", _receiver.Url("callback/path"));

        await harness.StartAsync();
        var received = await _receiver.NextAsync();

        Assert.Equal("callback/path", received.Path);
        Assert.Equal(message.Payload, received.Body);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("application/json", received.Accept);
        Assert.Equal(message.Id, received.NotificationId);
        Assert.Equal(message.Id, received.ClientRequestId);
        var version = typeof(WebhookDeliveryService).Assembly.GetName().Version!;
        Assert.StartsWith($"Hark/{version.Major}.{version.Minor}.{version.Build}", received.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Delivery_BearerTokenValidatesForTheApplicationAndIssuer()
    {
        await using var harness = new WebhookHarness(keys.Keys);
        harness.Add("call-a", _receiver.Url("a"));

        await harness.StartAsync();
        var authorization = (await _receiver.NextAsync()).Authorization;

        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var token = authorization!["Bearer ".Length..];
        var outcome = harness.Tokens.ValidateNotificationToken(token, WebhookHarness.Issuer, WebhookHarness.ClientId);
        Assert.True(outcome.IsValid, outcome.Error.ToString());
        Assert.Equal(harness.Tokens.TenantId, outcome.Application!.TenantId);
        var claims = JwtTestHelpers.Payload(token);
        Assert.Equal(WebhookHarness.ClientId, claims.GetProperty("aud").GetString());
        Assert.Equal(WebhookHarness.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal("RS256", JwtTestHelpers.Header(token).GetProperty("alg").GetString());
        Assert.Equal(
            TokenValidationError.InvalidAudience,
            harness.Tokens.ValidateNotificationToken(token, WebhookHarness.Issuer, "another-application").Error);
    }

    [Fact]
    public async Task SendAsync_Delivery_TokenCarriesTheHashOfTheBodySoAnotherBodyFails()
    {
        await using var harness = new WebhookHarness(keys.Keys);
        harness.Add("call-a", _receiver.Url("a"));

        await harness.StartAsync();
        var received = await _receiver.NextAsync();
        var token = received.Authorization!["Bearer ".Length..];

        Assert.Equal(GraphTokenService.BodyHash(received.Body!), JwtTestHelpers.Payload(token).GetProperty("body_sha256").GetString());
        Assert.True(harness.Tokens.ValidateNotificationToken(token, WebhookHarness.Issuer, WebhookHarness.ClientId, received.Body).IsValid);
        Assert.Equal(
            TokenValidationError.BodyMismatch,
            harness.Tokens.ValidateNotificationToken(token, WebhookHarness.Issuer, WebhookHarness.ClientId, received.Body + " ").Error);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", null, "link-local")]
    [InlineData("http://[fd00:ec2::254]/cb", null, "metadata")]
    [InlineData("http://127.0.0.1:9/cb", "true", "loopback")]
    [InlineData("http://10.1.2.3:9/cb", "true", "private")]
    public async Task SendAsync_CallbackAddressRefusedByThePolicy_AbandonedAtOnceWithoutConnecting(string target, string? blockPrivate, string says)
    {
        await using var harness = new WebhookHarness(keys.Keys, settings: new Dictionary<string, string?> { ["Hark:Outbound:BlockPrivateNetworks"] = blockPrivate });
        var (sequence, _) = harness.Add("call-a", target);

        await harness.StartAsync();
        var settled = await harness.Outbox.NextSettlementAsync();

        Assert.Equal((sequence, Outcome.Abandoned, 1), (settled.Sequence, settled.Outcome, settled.Attempts));
        Assert.Contains(says, settled.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fd00:ec2::254", "a cloud metadata address")]
    [InlineData("100.100.100.200", "a cloud metadata address")]
    public async Task SendAsync_CallbackNameResolvingToMetadata_AbandonedEvenWithPrivateNetworksAllowed(string address, string says)
    {
        var resolver = new OutboundResolver((_, _) => Task.FromResult(new[] { IPAddress.Parse(address) }));
        await using var harness = new WebhookHarness(
            keys.Keys, settings: new Dictionary<string, string?> { ["Hark:Outbound:BlockPrivateNetworks"] = "false" }, resolver: resolver);
        var (sequence, _) = harness.Add("call-a", "http://bot.example.test:8080/callback");

        await harness.StartAsync();
        var settled = await harness.Outbox.NextSettlementAsync();

        Assert.Equal((sequence, Outcome.Abandoned, 1), (settled.Sequence, settled.Outcome, settled.Attempts));
        Assert.Contains($"address {address} (host bot.example.test) is {says}", settled.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CallbackToMetadataServiceName_AbandonedWithoutResolving()
    {
        var resolved = 0;
        var resolver = new OutboundResolver((_, _) =>
        {
            Interlocked.Increment(ref resolved);
            return Task.FromResult(new[] { IPAddress.Loopback });
        });
        await using var harness = new WebhookHarness(keys.Keys, resolver: resolver);
        harness.Add("call-a", "http://metadata.google.internal/computeMetadata/v1/");

        await harness.StartAsync();
        var settled = await harness.Outbox.NextSettlementAsync();

        Assert.Equal(Outcome.Abandoned, settled.Outcome);
        Assert.Contains("metadata.google.internal is a cloud metadata service", settled.Error, StringComparison.Ordinal);
        Assert.Equal(0, resolved);
    }

    [Fact]
    public async Task SendAsync_CallbackNameResolvingToAllowedAddress_DeliveredThroughTheResolver()
    {
        var resolver = new OutboundResolver((host, _) => Task.FromResult(host == "bot.example.test" ? new[] { IPAddress.Loopback } : []));
        await using var harness = new WebhookHarness(keys.Keys, resolver: resolver);
        harness.Add("call-a", _receiver.Url("named").Replace("127.0.0.1", "bot.example.test", StringComparison.Ordinal));

        await harness.StartAsync();

        Assert.Equal("named", (await _receiver.NextAsync()).Path);
    }

    [Fact]
    public async Task SendAsync_FailingCallbackWithSecretsInItsUri_LogsTheUriWithoutThem()
    {
        _receiver.Respond = (_, _) => Task.FromResult(StatusCodes.Status500InternalServerError);
        using var log = new CapturedLog();
        await using var harness = new WebhookHarness(
            keys.Keys, settings: new Dictionary<string, string?> { ["Hark:Webhooks:MaxAttempts"] = "2" }, log: log);
        var url = _receiver.Url("hook").Replace("http://", "http://bot:p4ssw0rd@", StringComparison.Ordinal) + "?code=s3cr3t-key&sig=abc#frag";
        harness.Add("call-a", url);

        await harness.StartAsync();
        Assert.Equal(Outcome.Rescheduled, (await harness.Outbox.NextSettlementAsync()).Outcome);
        Assert.Equal(Outcome.Abandoned, (await harness.Outbox.NextSettlementAsync()).Outcome);

        // Each line is written just after its settlement is stored; the deadline only guards against a hang.
        List<string> lines;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((lines = [.. log.Events.Where(e => e.EventId is 2201 or 2202 or 2203).Select(e => e.Line)]).Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the two delivery log lines were never written");
            await Task.Delay(10);
        }

        Assert.Equal(2, lines.Count);
        var shown = "http://…@" + new Uri(_receiver.Url("hook")).Authority + "/hook?…";
        Assert.All(lines, line => Assert.Contains(shown, line, StringComparison.Ordinal));
        foreach (var secret in new[] { "s3cr3t", "sig=", "p4ssw0rd", "frag" })
        {
            Assert.DoesNotContain(log.Events, e => e.Line.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task SendAsync_NoConfiguredBaseUrl_IssuerIsTheHostsFallback()
    {
        await using var harness = new WebhookHarness(keys.Keys, configuredIssuer: null);
        harness.BaseUrl.Fallback = "http://127.0.0.1:5999/";
        harness.Add("call-a", _receiver.Url("a"));

        await harness.StartAsync();
        var token = (await _receiver.NextAsync()).Authorization!["Bearer ".Length..];

        Assert.True(harness.Tokens.ValidateNotificationToken(token, "http://127.0.0.1:5999", WebhookHarness.ClientId).IsValid);
    }

    [Fact]
    public async Task SendAsync_Redirect_IsAFailureAndIsNotFollowed()
    {
        _receiver.Respond = (received, context) =>
        {
            if (received.Path != "moved")
            {
                return Task.FromResult(StatusCodes.Status202Accepted);
            }

            context.Response.Headers.Location = _receiver.Url("elsewhere");
            return Task.FromResult(StatusCodes.Status307TemporaryRedirect);
        };
        await using var harness = new WebhookHarness(keys.Keys, settings: new Dictionary<string, string?> { ["Hark:Webhooks:MaxAttempts"] = "1" });
        harness.Add("call-a", _receiver.Url("moved"));
        harness.Add("call-a", _receiver.Url("after"));

        await harness.StartAsync();
        var abandoned = await harness.Outbox.NextSettlementAsync();
        Assert.Equal(Outcome.Delivered, (await harness.Outbox.NextSettlementAsync()).Outcome);

        Assert.Equal(Outcome.Abandoned, abandoned.Outcome);
        Assert.Contains("307", abandoned.Error, StringComparison.Ordinal);
        Assert.Equal(["moved", "after"], _receiver.Drain().Select(r => r.Path));
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_IsAFailedAttempt()
    {
        await using var harness = new WebhookHarness(keys.Keys, settings: new Dictionary<string, string?> { ["Hark:Webhooks:MaxAttempts"] = "2" });
        harness.Add("call-a", $"http://127.0.0.1:{ClosedPort()}/cb");

        await harness.StartAsync();
        var first = await harness.Outbox.NextSettlementAsync();
        var second = await harness.Outbox.NextSettlementAsync();

        Assert.Equal([(Outcome.Rescheduled, 1), (Outcome.Abandoned, 2)], new[] { first, second }.Select(s => (s.Outcome, s.Attempts)));
        Assert.False(string.IsNullOrWhiteSpace(first.Error));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/cb")]
    [InlineData("/relative/cb")]
    public async Task SendAsync_TargetNotAnHttpUrl_AbandonedAtOnce(string target)
    {
        await using var harness = new WebhookHarness(keys.Keys);
        harness.Add("call-a", target);

        await harness.StartAsync();
        var settled = await harness.Outbox.NextSettlementAsync();

        Assert.Equal((Outcome.Abandoned, 1), (settled.Outcome, settled.Attempts));
        Assert.Contains(target, settled.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UserAgent_IsHarkAndTheAssemblyVersionWithoutBuildMetadata()
    {
        var informational = typeof(WebhookDeliveryService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal("Hark/" + informational.Split('+')[0], WebhookSender.UserAgent);
    }

    private static int ClosedPort()
    {
        // A port the OS just handed out and nobody listens on any more.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
