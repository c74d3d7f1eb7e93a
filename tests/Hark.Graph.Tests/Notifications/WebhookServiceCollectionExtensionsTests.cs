using Hark.Calls.Persistence;
using Hark.Graph.Notifications;
using Hark.Graph.Tests.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Tests.Notifications;

public sealed class WebhookServiceCollectionExtensionsTests(SigningKeyFixture keys) : IClassFixture<SigningKeyFixture>
{
    [Fact]
    public async Task AddHarkWebhooks_Resolved_OneServiceIsHostedServiceAndSignal()
    {
        await using var harness = new WebhookHarness(keys.Keys);
        var services = harness.Services;

        var hosted = Assert.Single(services.GetServices<IHostedService>());
        Assert.Same(harness.Service, hosted);
        Assert.Same(harness.Service, services.GetRequiredService<IOutboxSignal>());
    }

    [Fact]
    public void AddHarkWebhooks_CalledTwiceAfterAnotherSignal_StillOneHostedServiceAndItIsTheSignal()
    {
        var services = Base();
        services.AddSingleton<IOutboxSignal, NoSignal>();
        services.AddHarkWebhooks();
        services.AddHarkWebhooks();
        using var provider = services.BuildServiceProvider();

        var hosted = Assert.Single(provider.GetServices<IHostedService>());
        Assert.Same(hosted, Assert.Single(provider.GetServices<IOutboxSignal>()));
    }

    [Fact]
    public void AddHarkWebhooks_NoSettings_DocumentedDefaults()
    {
        using var provider = Base().AddHarkWebhooks().BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<WebhookOptions>>().Value;

        Assert.Equal(
            (TimeSpan.FromSeconds(10), 10, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), 128, 64),
            (options.Timeout, options.MaxAttempts, options.InitialBackoff, options.MaxBackoff, options.MaxConcurrency, options.BatchSize));
    }

    [Theory]
    [InlineData("MaxAttempts", "0")]
    [InlineData("MaxAttempts", "101")]
    [InlineData("Timeout", "00:10:00")]
    [InlineData("Timeout", "00:00:00.500")]
    [InlineData("MaxConcurrency", "1025")]
    public void AddHarkWebhooks_OutOfRangeSetting_FailsValidationNamingIt(string key, string value)
    {
        using var provider = Base(("Hark:Webhooks:" + key, value)).AddHarkWebhooks().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WebhookOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHarkWebhooks_PublicBaseUrlConfigured_BaseUrlIsIt()
    {
        await using var harness = new WebhookHarness(keys.Keys);

        Assert.Equal(WebhookHarness.Issuer, harness.BaseUrl.Configured);
    }

    private ServiceCollection Base(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build());
        services.AddSingleton<INotificationOutbox>(new FakeNotificationOutbox());
        services.AddSingleton(new Hark.Graph.Auth.GraphTokenService(
            keys.Keys, Options.Create(new Hark.Graph.Auth.GraphAuthOptions()), TimeProvider.System));
        return services;
    }

    private sealed class NoSignal : IOutboxSignal
    {
        public void Notify()
        {
        }
    }
}
