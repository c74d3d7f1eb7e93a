using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Notifications;
using Hark.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hark.Benchmarks;

/// <summary>
/// <c>notify-load [answerMs] [maxConcurrency]</c>: the notification path end to end, in one process, without media.
/// 500 calls arrive at 50 a second; each saves six events (0, 0.1, 0.2, 0.3, 1 and 2 s after it starts) through the
/// real <see cref="SqliteCallStore"/> and <see cref="WebhookDeliveryService"/> to a local receiver that answers each
/// POST after <c>answerMs</c> (a bot's answer time). Prints save called → POST received (after the answer delay).
/// </summary>
internal static class NotifyLoad
{
    private const int Calls = 500;
    private const double CallsPerSecond = 50;
    private const string ClientId = "33333333-aaaa-4bbb-8ccc-000000000003";
    private static readonly double[] s_eventOffsets = [0, 0.1, 0.2, 0.3, 1, 2];

    public static async Task RunAsync(string[] args)
    {
        var answerDelay = TimeSpan.FromMilliseconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 0);
        var directory = Path.Combine(Path.GetTempPath(), "hark-notify-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var saved = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double>();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/cb", async (HttpRequest request) =>
        {
            await Task.Delay(answerDelay);
            if (saved.TryGetValue(request.Headers["X-Hark-Notification-Id"].ToString(), out var at))
            {
                latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            }

            return Results.Accepted();
        });
        await receiver.StartAsync();
        var target = receiver.Urls.First() + "/cb";

        using var store = new SqliteCallStore(
            Options.Create(new StorageOptions { DataDirectory = directory }), TimeProvider.System, NullLogger<SqliteCallStore>.Instance);
        using var keys = SigningKeyStore.LoadOrCreate(Path.Combine(directory, "keys"));
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (args.Length > 1)
        {
            settings["Hark:Webhooks:MaxConcurrency"] = args[1];
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(new GraphTokenService(keys, Options.Create(new GraphAuthOptions { PublicBaseUrl = "https://hark.test" }), TimeProvider.System));
        services.AddSingleton<INotificationOutbox>(store);
        services.AddHarkWebhooks();
        await using var provider = services.BuildServiceProvider();
        var delivery = provider.GetRequiredService<WebhookDeliveryService>();
        await delivery.StartAsync(CancellationToken.None);

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Calls).Select(c => RunCallAsync(c, clock, store, delivery, target, saved)));
        var expected = Calls * s_eventOffsets.Length;
        while (latencies.Count < expected && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(50);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        double[] sorted = [.. latencies.Order()];
        double Percentile(double q) => sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"answer {answerDelay.TotalMilliseconds} ms: delivered {sorted.Length}/{expected}; save called -> received p50 {Percentile(0.5):F1} ms, " +
            $"p99 {Percentile(0.99):F1} ms, max {sorted[^1]:F1} ms; process CPU {cpu.TotalSeconds:F1} s over {clock.Elapsed.TotalSeconds:F1} s"));
        await delivery.StopAsync(CancellationToken.None);
        await receiver.StopAsync();
    }

    private static async Task RunCallAsync(
        int call, Stopwatch clock, SqliteCallStore store, WebhookDeliveryService delivery, string target, ConcurrentDictionary<string, long> saved)
    {
        await Task.Delay(TimeSpan.FromSeconds(call / CallsPerSecond));
        var start = clock.Elapsed;
        var callId = "call-" + call.ToString(CultureInfo.InvariantCulture);
        foreach (var offset in s_eventOffsets)
        {
            var wait = start + TimeSpan.FromSeconds(offset) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var now = DateTimeOffset.UtcNow;
            var id = Guid.NewGuid().ToString();
            saved[id] = Stopwatch.GetTimestamp();
            await store.SaveAsync(new CallStateChange
            {
                Call = new StoredCall(callId, ClientId, "established", "{\"id\":\"" + callId + "\"}", now, null),
                Notifications = [new OutboxMessage(id, callId, ClientId, target, "{\"value\":[{\"pad\":\"" + new string('x', 800) + "\"}]}", now)],
            }, CancellationToken.None);
            delivery.Notify();
        }
    }
}
