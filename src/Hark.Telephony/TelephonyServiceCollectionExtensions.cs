using Hark.Rtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hark.Telephony;

public static class TelephonyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the telephony edge: <see cref="SipOptions"/> from <c>Hark:Sip</c>, <see cref="RtpOptions"/> from
    /// <c>Hark:Rtp</c>, the RTP port pool, the shared <see cref="MediaPacer"/> and the <see cref="SipEndpoint"/>
    /// (both hosted services). The host supplies an <see cref="IIncomingCallRouter"/>.
    /// </summary>
    public static IServiceCollection AddHarkTelephony(this IServiceCollection services)
    {
        services.AddOptions<SipOptions>().BindConfiguration(SipOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RtpOptions>().BindConfiguration("Hark:Rtp").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CapacityOptions>().BindConfiguration(CapacityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MediaEngineOptions>().BindConfiguration(MediaEngineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var rtp = provider.GetRequiredService<IOptions<RtpOptions>>().Value;
            return new RtpPortPool(rtp.PortMin, rtp.PortMax);
        });
        services.AddSingleton<RtpMediaFactory>();
        services.AddSingleton<MediaPacer>();
        services.AddMetrics();
        services.AddSingleton<TelephonyMetrics>();
        services.AddSingleton<ControlLagProbe>();
        services.AddHostedService(provider => provider.GetRequiredService<ControlLagProbe>());
        services.AddSingleton<CallAdmission>();
        services.AddSingleton<Hark.Calls.Admission.ICallAdmission>(provider => provider.GetRequiredService<CallAdmission>());
        services.AddHostedService(provider => provider.GetRequiredService<MediaPacer>());
        services.AddSingleton(provider => new SipEndpoint(
            provider.GetRequiredService<IOptions<SipOptions>>(),
            provider.GetRequiredService<IIncomingCallRouter>(),
            provider.GetRequiredService<RtpMediaFactory>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<CallAdmission>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SipEndpoint>>(),
            provider.GetService<SipMessageLog>()));
        services.AddHostedService(provider => provider.GetRequiredService<SipEndpoint>());
        return services;
    }
}
