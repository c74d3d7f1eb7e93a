using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Auth;

public static class GraphAuthServiceCollectionExtensions
{
    /// <summary>
    /// Registers token issuing and checking: <see cref="GraphAuthOptions"/> from <c>Hark:Auth</c> (issuer from
    /// <c>Hark:PublicBaseUrl</c>), <see cref="ApplicationsOptions"/> from <c>Hark:Applications</c>, the signing key
    /// under <c>{Hark:DataDirectory}/keys</c>, and — unless registered before — <see cref="TimeProvider.System"/>,
    /// <see cref="ConfiguredApplicationDirectory"/> and a placeholder <see cref="IGraphAuthErrorWriter"/>.
    /// </summary>
    public static IServiceCollection AddHarkGraphAuth(this IServiceCollection services)
    {
        services.AddOptions<GraphAuthOptions>()
            .BindConfiguration(GraphAuthOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.PublicBaseUrl ??= configuration["Hark:PublicBaseUrl"])
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ApplicationsOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(ApplicationsOptions.SectionName).Bind(options.Registrations));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IApplicationDirectory>(provider =>
        {
            // With no application configured, a stored development application stands in (see DevelopmentApplication).
            var configured = provider.GetRequiredService<IOptions<ApplicationsOptions>>().Value.Registrations;
            return configured.Count > 0
                ? new ConfiguredApplicationDirectory(configured)
                : new ConfiguredApplicationDirectory([DevelopmentApplication.LoadOrCreate(DataDirectory(provider), out _)]);
        });
        services.TryAddSingleton<IGraphAuthErrorWriter, GraphAuthErrorWriter>();
        services.TryAddSingleton(provider => SigningKeyStore.LoadOrCreate(Path.Combine(DataDirectory(provider), "keys")));
        services.TryAddSingleton<GraphTokenService>();
        services.TryAddSingleton<RecordingAccessTokens>();
        return services;
    }

    private static string DataDirectory(IServiceProvider provider) =>
        provider.GetRequiredService<IConfiguration>()["Hark:DataDirectory"] ?? "./hark-data";
}
