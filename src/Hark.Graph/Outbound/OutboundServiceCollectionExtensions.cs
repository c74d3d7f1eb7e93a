using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Outbound;

public static class OutboundServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OutboundOptions"/> from <c>Hark:Outbound</c> (with the deprecated <c>Hark:Prompts</c> key
    /// as a fallback, and <c>Hark:Prompts:AllowLinkLocal=true</c> refused at start) and, unless registered before, the system's
    /// <see cref="OutboundResolver"/>. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddHarkOutbound(this IServiceCollection services)
    {
        services.AddOptions<OutboundOptions>()
            .BindConfiguration(OutboundOptions.SectionName)
            .ValidateOnStart();
        services.TryAddSingleton(OutboundResolver.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OutboundOptions>, OutboundOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboundOptions>, OutboundOptionsSetup>());
        return services;
    }
}
