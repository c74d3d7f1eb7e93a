using Hark.Graph.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Prompts;

public static class PromptServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="HttpClient"/> that fetches prompts through the address guard.</summary>
    public const string HttpClientName = "hark-prompts";

    /// <summary>
    /// Registers <see cref="PromptOptions"/> from <c>Hark:Prompts</c>, the outbound address policy (<c>Hark:Outbound</c>),
    /// the guarded "hark-prompts" HTTP client (see <see cref="OutboundConnector"/>), <see cref="PromptCache"/> as a
    /// singleton and, unless registered before, <see cref="TimeProvider.System"/>.
    /// </summary>
    public static IServiceCollection AddHarkPrompts(this IServiceCollection services)
    {
        services.AddOptions<PromptOptions>()
            .BindConfiguration(PromptOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHarkOutbound();
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => OutboundConnector.CreateHandler(
                provider.GetRequiredService<IOptions<OutboundOptions>>().Value,
                provider.GetRequiredService<IOptions<PromptOptions>>().Value.FetchTimeout,
                provider.GetRequiredService<OutboundResolver>().ResolveAsync));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PromptCache>();
        return services;
    }
}
