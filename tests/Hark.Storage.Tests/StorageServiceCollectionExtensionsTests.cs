using Hark.Calls.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hark.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AddHarkStorage_Resolved_OneStoreServesBothPortsInDataDirectory()
    {
        var dataDirectory = Path.Combine(_directory.Path, "not-yet-there");
        using var provider = Build(new() { ["Hark:DataDirectory"] = dataDirectory });

        var store = provider.GetRequiredService<SqliteCallStore>();

        Assert.Same(store, provider.GetRequiredService<ICallStore>());
        Assert.Same(store, provider.GetRequiredService<INotificationOutbox>());
        Assert.Equal(Path.Combine(dataDirectory, "hark.db"), store.DatabasePath);
        var recordings = Assert.IsType<FileRecordingStore>(provider.GetRequiredService<IRecordingStore>());
        Assert.Equal(Path.Combine(dataDirectory, "recordings"), recordings.RootDirectory);
        Assert.True(Directory.Exists(recordings.RootDirectory));
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is RecordingRetentionService);
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is CallRetentionService);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddHarkStorage_NoRecordingsSection_Defaults()
    {
        using var provider = Build(new() { ["Hark:DataDirectory"] = _directory.Path });

        var options = provider.GetRequiredService<IOptions<RecordingsOptions>>().Value;

        Assert.Equal(TimeSpan.FromHours(24), options.Retention);
        Assert.Equal(TimeSpan.FromMinutes(1), options.SweepInterval);
    }

    [Fact]
    public void AddHarkStorage_RecordingsSection_Bound()
    {
        using var provider = Build(new()
        {
            ["Hark:DataDirectory"] = _directory.Path,
            ["Hark:Recordings:Retention"] = "2.00:00:00",
            ["Hark:Recordings:SweepInterval"] = "00:05:00",
        });

        var options = provider.GetRequiredService<IOptions<RecordingsOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(2), options.Retention);
        Assert.Equal(TimeSpan.FromMinutes(5), options.SweepInterval);
    }

    [Theory]
    [InlineData("Hark:Recordings:Retention", "00:00:30")]
    [InlineData("Hark:Recordings:Retention", "400.00:00:00")]
    [InlineData("Hark:Recordings:SweepInterval", "00:00:00")]
    [InlineData("Hark:DataDirectory", "")]
    public void AddHarkStorage_OutOfRange_FailsValidation(string key, string value)
    {
        using var provider = Build(new() { ["Hark:DataDirectory"] = _directory.Path, [key] = value });

        Assert.Throws<OptionsValidationException>(() =>
        {
            _ = provider.GetRequiredService<IOptions<RecordingsOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        });
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddHarkStorage();
        return services.BuildServiceProvider();
    }
}
