using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hark.Graph.Tests.Notifications;

/// <summary>A bot's notification endpoint: real Kestrel on 127.0.0.1, any POST path, answers as the test decides.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _arrivals = Channel.CreateUnbounded<ReceivedWebhook>();

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Decides the status code of each request (after it is recorded); the default accepts with 202.</summary>
    public Func<ReceivedWebhook, HttpContext, Task<int>> Respond { get; set; } = (_, _) => Task.FromResult(StatusCodes.Status202Accepted);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Urls.Add("http://127.0.0.1:0");
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    public string Url(string path) => BaseUrl + "/" + path;

    /// <summary>The next request received, in arrival order.</summary>
    public async Task<ReceivedWebhook> NextAsync() =>
        await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

    /// <summary>Requests received so far and not yet taken with <see cref="NextAsync"/>.</summary>
    public List<ReceivedWebhook> Drain()
    {
        var list = new List<ReceivedWebhook>();
        while (_arrivals.Reader.TryRead(out var item))
        {
            list.Add(item);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var received = new ReceivedWebhook(
            request.Path.Value!.TrimStart('/'),
            request.Headers["X-Hark-Notification-Id"],
            request.Headers["client-request-id"],
            request.Headers.Authorization,
            request.ContentType,
            request.Headers.Accept,
            request.Headers.UserAgent,
            await reader.ReadToEndAsync(context.RequestAborted));
        _arrivals.Writer.TryWrite(received);
        context.Response.StatusCode = await Respond(received, context);
    }
}
