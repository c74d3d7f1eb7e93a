using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Calls;

public static class GraphCallsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the live-call hub and what the call routes need: <see cref="GraphLimitsOptions"/> from
    /// <c>Hark:Graph:Limits</c>, <see cref="RecordingMediaOptions"/> from <c>Hark:Recordings</c>,
    /// <see cref="CallOptions"/> from <c>Hark:Calls</c>. Storage
    /// (<see cref="ICallStore"/>, <see cref="IRecordingStore"/>), the outbox signal and an <see cref="IPromptLoader"/>
    /// come from their own registrations.
    /// </summary>
    public static IServiceCollection AddHarkGraphCalls(this IServiceCollection services)
    {
        services.AddOptions<GraphLimitsOptions>().BindConfiguration(GraphLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RecordingMediaOptions>().BindConfiguration(RecordingMediaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CallOptions>().BindConfiguration(CallOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // Not validated here: the host validates Hark:Health:MinFreeDiskMegabytes once (HealthOptions), so a bad value is one error.
        services.AddOptions<RecordingDiskOptions>().BindConfiguration(RecordingDiskOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider =>
        {
            var limits = provider.GetRequiredService<IOptions<GraphLimitsOptions>>().Value;
            var calls = provider.GetRequiredService<IOptions<CallOptions>>().Value;
            var media = new CallMediaOptions
            {
                RecordingSampleRate = provider.GetRequiredService<IOptions<RecordingMediaOptions>>().Value.SampleRate,
                Limits = new MediaOperationLimits
                {
                    MaxPlayPrompts = limits.MaxPromptsPlay,
                    MaxRecordPrompts = limits.MaxPromptsRecord,
                    MaxTimeoutSeconds = Math.Max(limits.MaxRecordDurationInSeconds, Math.Max(limits.MaxSilenceTimeoutInSeconds, limits.MaxInitialSilenceTimeoutInSeconds)),
                },
            };
            return new GraphCallServices(
                provider.GetRequiredService<ICallStore>(),
                provider.GetRequiredService<IOutboxSignal>(),
                provider.GetRequiredService<IRecordingStore>(),
                provider.GetRequiredService<RecordingAccessTokens>(),
                provider.GetRequiredService<IPromptLoader>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>(),
                media,
                new CallLifecycleOptions
                {
                    AnswerTimeout = TimeSpan.FromSeconds(calls.AnswerTimeoutSeconds),
                    KeepAliveTimeout = TimeSpan.FromSeconds(calls.KeepAliveTimeoutSeconds),
                },
                limits)
            {
                Calls = calls,
                MinFreeRecordingBytes = Math.Clamp(provider.GetRequiredService<IOptions<RecordingDiskOptions>>().Value.MinFreeDiskMegabytes, 0, long.MaxValue >> 20) << 20,
            };
        });
        services.TryAddSingleton<CallHub>();
        services.AddHostedService(provider => provider.GetRequiredService<CallHub>());
        return services;
    }
}
