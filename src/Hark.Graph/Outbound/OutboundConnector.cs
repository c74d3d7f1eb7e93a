using System.Net;
using System.Net.Sockets;

namespace Hark.Graph.Outbound;

/// <summary>
/// The connect step of the prompt and webhook HTTP handlers: resolves the host itself, refuses the connection when
/// the name is a metadata service's or any of its addresses is disallowed by <see cref="OutboundAddressPolicy"/>, and
/// connects only to the addresses it checked. Because the handlers connect through here for the first request and for
/// every redirect hop, neither a redirect nor a DNS answer that changes between check and use (rebinding) reaches a
/// refused address.
/// </summary>
internal sealed class OutboundConnector
{
    private readonly OutboundOptions _options;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    public OutboundConnector(OutboundOptions options, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _options = options;
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
    }

    /// <summary>
    /// A handler that connects only through a <see cref="OutboundConnector"/> and uses no proxy. It follows no
    /// redirects itself; <see cref="PromptFetcher"/> does, checking each hop's scheme.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(
        OutboundOptions options, TimeSpan connectTimeout, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null) =>
        new()
        {
            ConnectCallback = new OutboundConnector(options, resolve).ConnectAsync,
            ConnectTimeout = connectTimeout,
            AllowAutoRedirect = false,
            // A proxy would make the connection on our behalf to an address this class never sees.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };

    /// <summary>Resolves, checks and connects; throws <see cref="OutboundConnectException"/> when the host is refused or unknown.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        if (OutboundAddressPolicy.HostRefusal(host) is { } named)
        {
            throw new OutboundConnectException($"host {host} is {named} and not allowed");
        }

        var addresses = await ResolveAsync(host, cancellationToken);
        foreach (var address in addresses)
        {
            if (OutboundAddressPolicy.Refusal(address, _options) is { } refusal)
            {
                var shown = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
                var source = IPAddress.TryParse(host, out _) ? "" : $" (host {host})";
                throw new OutboundConnectException($"address {shown}{source} is {refusal} and not allowed");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        IPAddress[] addresses;
        try
        {
            addresses = await _resolve(host, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new OutboundConnectException($"host {host} could not be resolved", ex);
        }

        return addresses.Length > 0 ? addresses : throw new OutboundConnectException($"host {host} has no addresses");
    }
}
