using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>Where a response goes over an unreliable transport (RFC 3261 §18.2.2 with RFC 3581 §4).</summary>
public static class SipResponseTarget
{
    public const int DefaultPort = 5060;

    /// <summary>
    /// received, else sent-by for the host; rport (when it has a value), else sent-by port, else 5060. maddr is
    /// ignored: honouring it would let any sender point Hark's responses (and their retransmissions) at a third party.
    /// </summary>
    public static (string Host, int Port) For(SipVia via)
    {
        ArgumentNullException.ThrowIfNull(via);
        var host = via.Received ?? via.Host;
        var port = via.Rport is { } rport ? rport : via.Port ?? DefaultPort;
        return (host.Trim('[', ']'), port);
    }

    /// <summary>The host resolved to an address of <paramref name="family"/> (literal addresses need no lookup).</summary>
    public static async ValueTask<IPEndPoint> ResolveAsync(string host, int port, AddressFamily family, CancellationToken cancellationToken)
    {
        if (TryGetLiteral(host, port, family, out var literal))
        {
            return literal;
        }

        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        foreach (var address in addresses)
        {
            if (address.AddressFamily == family)
            {
                return new IPEndPoint(address, port);
            }
        }

        return addresses.Length > 0
            ? new IPEndPoint(Adapt(addresses[0], family), port)
            : throw new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>The endpoint when <paramref name="host"/> is an address literal.</summary>
    public static bool TryGetLiteral(string host, int port, AddressFamily family, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = IPAddress.TryParse(host, out var address) ? new IPEndPoint(Adapt(address, family), port) : null;
        return endPoint is not null;
    }

    private static IPAddress Adapt(IPAddress address, AddressFamily family) =>
        family == AddressFamily.InterNetworkV6 && address.AddressFamily == AddressFamily.InterNetwork ? address.MapToIPv6() : address;
}
