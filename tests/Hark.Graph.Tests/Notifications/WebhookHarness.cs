using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Notifications;
using Hark.Graph.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Tests.Notifications;

/// <summary>The delivery service as AddHarkWebhooks builds it, over a fake outbox, with fast test settings.</summary>
internal sealed class WebhookHarness : IAsyncDisposable
{
    public const string ClientId = "33333333-aaaa-4bbb-8ccc-000000000003";
    public const string Issuer = "https://hark.test";

    private readonly ServiceProvider _provider;
    private readonly DateTimeOffset _epoch;
    private int _messages;
    private bool _started;

    public WebhookHarness(
        SigningKeyStore keys,
        TimeProvider? time = null,
        IDictionary<string, string?>? settings = null,
        string? configuredIssuer = Issuer,
        OutboundResolver? resolver = null,
        ILoggerProvider? log = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Hark:Webhooks:InitialBackoff"] = "00:00:00.010",
            ["Hark:Webhooks:MaxBackoff"] = "00:00:00.040",
            ["Hark:Webhooks:MaxAttempts"] = "4",
            ["Hark:Webhooks:Timeout"] = "00:00:05",
            ["Hark:Webhooks:ShutdownGrace"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        Time = time ?? TimeProvider.System;
        _epoch = Time.GetUtcNow();
        Tokens = new GraphTokenService(keys, Options.Create(new GraphAuthOptions { PublicBaseUrl = configuredIssuer }), TimeProvider.System);

        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (log is not null)
            {
                logging.AddProvider(log);
            }
        });
        if (resolver is not null)
        {
            services.AddSingleton(resolver);
        }

        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddSingleton(Tokens);
        services.AddSingleton<INotificationOutbox>(Outbox);
        services.AddSingleton(Time);
        services.AddHarkWebhooks();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Service = _provider.GetRequiredService<WebhookDeliveryService>();
    }

    public FakeNotificationOutbox Outbox { get; } = new();

    public GraphTokenService Tokens { get; }

    public TimeProvider Time { get; }

    public WebhookDeliveryService Service { get; }

    public IServiceProvider Services => _provider;

    public HarkBaseUrl BaseUrl => _provider.GetRequiredService<HarkBaseUrl>();

    /// <summary>A message for <paramref name="callId"/> to <paramref name="target"/>, due now unless said otherwise.</summary>
    public (long Sequence, OutboxMessage Message) Add(string callId, string target, DateTimeOffset? dueAt = null)
    {
        var n = Interlocked.Increment(ref _messages);
        var message = new OutboxMessage(
            Guid.NewGuid().ToString(), callId, ClientId, target, "{\"value\":[{\"n\":" + n + ",\"call\":\"" + callId + "\"}]}", _epoch);
        return (Outbox.Add(message, dueAt), message);
    }

    public async Task StartAsync()
    {
        _started = true;
        await Service.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Service.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
    }
}
