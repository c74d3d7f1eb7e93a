using System.Net;

namespace Hark.Graph.Outbound;

/// <summary>How outbound hosts are resolved (the system's DNS); one service so tests can script the answers.</summary>
public sealed class OutboundResolver(Func<string, CancellationToken, Task<IPAddress[]>> resolve)
{
    public static OutboundResolver System { get; } = new(Dns.GetHostAddressesAsync);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => resolve(host, cancellationToken);
}
