using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Notifications;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers webhook delivery: <see cref="WebhookOptions"/> from <c>Hark:Webhooks</c>, the <c>hark-webhooks</c>
    /// HTTP client, <see cref="HarkBaseUrl"/>, and one <see cref="WebhookDeliveryService"/> that is both a hosted
    /// service and the <see cref="IOutboxSignal"/> (replacing any other). Needs <see cref="INotificationOutbox"/>
    /// and <see cref="GraphTokenService"/> (<c>AddHarkGraphAuth</c>) from elsewhere.
    /// </summary>
    public static IServiceCollection AddHarkWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Callbacks obey the one outbound address policy (Hark:Outbound), as prompt fetches do.
        services.AddHarkOutbound();
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // A 3xx is the receiver's mistake to fix, not a place to send a signed token to.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),

                // Resolved and checked here, connected only to checked addresses; a proxy would hide the address.
                ConnectCallback = new OutboundConnector(
                    provider.GetRequiredService<IOptions<OutboundOptions>>().Value, provider.GetRequiredService<OutboundResolver>().ResolveAsync).ConnectAsync,
                UseProxy = false,
            })

            // The pool recycles connections itself (DNS changes included), so the factory need not recycle handlers.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new HarkBaseUrl(provider.GetRequiredService<GraphTokenService>().ConfiguredIssuer));
        services.TryAddSingleton<WebhookDeliveryService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebhookDeliveryService>(
            provider => provider.GetRequiredService<WebhookDeliveryService>()));
        services.Replace(ServiceDescriptor.Singleton<IOutboxSignal>(provider => provider.GetRequiredService<WebhookDeliveryService>()));
        return services;
    }
}
