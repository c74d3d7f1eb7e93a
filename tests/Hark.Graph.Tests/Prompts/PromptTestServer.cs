using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hark.Graph.Tests.Prompts;

/// <summary>A real Kestrel on 127.0.0.1 (port chosen by the OS) whose routes the tests add and whose requests it counts.</summary>
public sealed class PromptTestServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new();
    private readonly ConcurrentDictionary<string, int> _requests = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public int Port => new Uri(BaseUrl).Port;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Urls.Add("http://127.0.0.1:0");
        _app.Run(context =>
        {
            var path = context.Request.Path.Value ?? "";
            _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (_routes.TryGetValue(path, out var route))
            {
                return route(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>A fresh path with no route: the server answers 404.</summary>
    public string Missing() => BaseUrl + NewPath();

    /// <summary>Serves <paramref name="handler"/> at a fresh path; returns its URL.</summary>
    public string Route(RequestDelegate handler)
    {
        var path = NewPath();
        _routes[path] = handler;
        return BaseUrl + path;
    }

    /// <summary>Serves <paramref name="body"/> (with its Content-Length) at a fresh path.</summary>
    public string Serve(byte[] body, string contentType = "audio/wav") => Route(async context =>
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    });

    /// <summary>Answers 302 to <paramref name="target"/>.</summary>
    public string Redirect(string target) => Route(context =>
    {
        context.Response.Redirect(target);
        return Task.CompletedTask;
    });

    /// <summary>How many requests reached the path of <paramref name="url"/>.</summary>
    public int Requests(string url) => _requests.GetValueOrDefault(new Uri(url).AbsolutePath);

    private static string NewPath() => "/p/" + Guid.NewGuid().ToString("N") + ".wav";
}
