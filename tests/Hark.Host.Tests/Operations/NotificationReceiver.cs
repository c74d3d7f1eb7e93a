using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hark.Host.Tests.Operations;

/// <summary>A bot's webhook on 127.0.0.1:0 that accepts every notification and keeps its body.</summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _bodies = new();

    private NotificationReceiver(WebApplication app) => _app = app;

    public Uri CallbackUri { get; private set; } = null!;

    public IReadOnlyList<string> Bodies => [.. _bodies];

    public static async Task<NotificationReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new NotificationReceiver(app);
        app.MapPost("/callback", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver._bodies.Enqueue(await reader.ReadToEndAsync());
            return Results.Accepted();
        });
        await app.StartAsync();
        receiver.CallbackUri = new Uri(app.Urls.Single() + "/callback?code=webhook-query-secret");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
