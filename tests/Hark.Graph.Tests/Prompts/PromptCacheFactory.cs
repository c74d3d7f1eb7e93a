using Hark.Graph.Prompts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Graph.Tests.Prompts;

/// <summary>Builds <see cref="PromptCache"/>s through <c>AddHarkPrompts</c>, as the host does, and disposes them.</summary>
internal sealed class PromptCacheFactory : IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    public PromptCache Create(Action<PromptOptions>? configure = null, TimeProvider? timeProvider = null, IDictionary<string, string?>? settings = null) =>
        CreateProvider(configure, timeProvider, settings).GetRequiredService<PromptCache>();

    public ServiceProvider CreateProvider(Action<PromptOptions>? configure = null, TimeProvider? timeProvider = null, IDictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddHarkPrompts();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _providers.Add(provider);
        return provider;
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
