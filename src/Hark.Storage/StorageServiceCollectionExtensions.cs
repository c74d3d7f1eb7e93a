using Hark.Calls.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hark.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded storage: <see cref="StorageOptions"/> from <c>Hark</c>, <see cref="RecordingsOptions"/>
    /// from <c>Hark:Recordings</c>, one <see cref="SqliteCallStore"/> serving both <see cref="ICallStore"/> and
    /// <see cref="INotificationOutbox"/>, <see cref="FileRecordingStore"/>, the recording and call retention sweeps (<see cref="RetentionOptions"/> from
    /// <c>Hark:Retention</c>), and — unless
    /// registered before — <see cref="TimeProvider.System"/>. The stores create the data directory when first resolved.
    /// </summary>
    public static IServiceCollection AddHarkStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RecordingsOptions>()
            .BindConfiguration(RecordingsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteCallStore>();
        services.TryAddSingleton<ICallStore>(provider => provider.GetRequiredService<SqliteCallStore>());
        services.TryAddSingleton<INotificationOutbox>(provider => provider.GetRequiredService<SqliteCallStore>());
        services.TryAddSingleton<FileRecordingStore>();
        services.TryAddSingleton<IRecordingStore>(provider => provider.GetRequiredService<FileRecordingStore>());
        services.AddHostedService<RecordingRetentionService>();
        services.AddHostedService<CallRetentionService>();
        return services;
    }
}
