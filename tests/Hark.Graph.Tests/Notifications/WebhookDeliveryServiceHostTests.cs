using Hark.Graph.Notifications;
using Hark.Graph.Tests.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Tests.Notifications;

/// <summary>Inside a host, delivery waits for the host to have started (its base URL, the token issuer, is known then).</summary>
public sealed class WebhookDeliveryServiceHostTests(SigningKeyFixture keys) : IClassFixture<SigningKeyFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_HostNotStartedYet_DeliversOnlyOnceStarted()
    {
        await using var harness = new WebhookHarness(keys.Keys);
        using var lifetime = new FakeLifetime();
        using var service = new WebhookDeliveryService(
            harness.Outbox, harness.Tokens, harness.BaseUrl, harness.Services.GetRequiredService<IHttpClientFactory>(),
            harness.Services.GetRequiredService<IOptions<WebhookOptions>>(), TimeProvider.System,
            NullLogger<WebhookDeliveryService>.Instance, lifetime);
        var (_, message) = harness.Add("call-a", _receiver.Url("a"));

        await service.StartAsync(CancellationToken.None);
        service.Notify();
        await Task.Delay(300);
        var early = _receiver.Drain();
        lifetime.Start();
        var received = await _receiver.NextAsync();
        await service.StopAsync(CancellationToken.None);

        Assert.Empty(early);
        Assert.Equal(message.Id, received.NotificationId);
    }

    private sealed class FakeLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Start() => _started.Cancel();

        public void StopApplication()
        {
        }

        public void Dispose() => _started.Dispose();
    }
}
