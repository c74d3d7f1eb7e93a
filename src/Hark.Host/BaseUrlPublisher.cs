using Hark.Graph.Notifications;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hark.Host;

/// <summary>
/// Tells <see cref="HarkBaseUrl"/> where Hark listens once the server has bound its addresses (a port of 0
/// is only known then). Runs in the host's "started" phase, before <c>ApplicationStarted</c>, which is when
/// webhook delivery begins, so no notification token is issued with a guessed issuer.
/// </summary>
internal sealed class BaseUrlPublisher(IServer server, HarkBaseUrl baseUrl) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        baseUrl.Fallback = ReachableBaseUrl(server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault());
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // A wildcard listen address is no URL to hand out; loopback reaches it from this machine, and operators who
    // serve others set Hark:PublicBaseUrl.
    internal static string? ReachableBaseUrl(string? listenUrl)
    {
        if (listenUrl is null || !Uri.TryCreate(listenUrl.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : uri.Host;
        return new UriBuilder(uri) { Host = host }.Uri.GetLeftPart(UriPartial.Authority);
    }
}
