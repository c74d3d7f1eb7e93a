using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hark.Host.Tests;

/// <summary>A bot's webhook endpoint on loopback: keeps every POST (id, body, Authorization) in arrival order.</summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedNotification> _received = new();

    private NotificationReceiver(WebApplication app) => _app = app;

    public string CallbackUri => _app.Urls.Single() + "/callback";

    public IReadOnlyList<ReceivedNotification> Received => [.. _received];

    public static async Task<NotificationReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new NotificationReceiver(app);
        app.MapPost("/callback", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var id = context.Request.Headers["X-Hark-Notification-Id"].ToString();
            foreach (var item in body.RootElement.GetProperty("value").EnumerateArray())
            {
                receiver._received.Enqueue(new ReceivedNotification(
                    id,
                    item.GetProperty("changeType").GetString()!,
                    item.GetProperty("resourceUrl").GetString()!,
                    item.GetProperty("resourceData").Clone(),
                    context.Request.Headers.Authorization.ToString()));
            }

            return Results.Accepted();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until <paramref name="done"/> holds for what has arrived.</summary>
    public async Task WaitAsync(Func<IReadOnlyList<ReceivedNotification>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(Received))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}; received:\n" +
                    string.Join("\n", Received.Select(r => $"{r.ChangeType} {r.ResourceUrl} {r.Data}")));
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One notification as the bot received it.</summary>
internal sealed record ReceivedNotification(string Id, string ChangeType, string ResourceUrl, JsonElement Data, string Authorization)
{
    public string? State => Data.TryGetProperty("state", out var s) ? s.GetString() : null;

    public string? Status => Data.TryGetProperty("status", out var s) ? s.GetString() : null;
}
