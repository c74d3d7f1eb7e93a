using System.Net;
using System.Net.Sockets;

namespace Hark.Graph.Outbound;

/// <summary>
/// Which addresses Hark may connect to for a bot (prompt fetches, webhook callbacks). Link-local, cloud metadata,
/// unspecified, multicast, broadcast and reserved addresses are always refused; loopback and private ones only with
/// <see cref="OutboundOptions.BlockPrivateNetworks"/>. IPv6 forms that embed an IPv4 address (mapped, compatible,
/// NAT64) are judged by the IPv4 address they carry.
/// </summary>
internal static class OutboundAddressPolicy
{
    // AWS (IPv6), Google Cloud (IPv6); the IPv4 ones are checked byte-wise below.
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");
    private static readonly IPAddress GoogleMetadataV6 = IPAddress.Parse("fd20:ce::254");

    // Names of metadata services, refused before any lookup: a resolver that answers them with a routable address
    // (a split-horizon DNS, a proxy) must not open a way around the address check.
    private static readonly string[] MetadataHosts = ["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"];

    /// <summary>True when Hark may connect to <paramref name="address"/>.</summary>
    public static bool IsAllowed(IPAddress address, OutboundOptions options) => Refusal(address, options) is null;

    /// <summary>Why the host name <paramref name="host"/> is refused before it is resolved, or null.</summary>
    public static string? HostRefusal(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.TrimEnd('.');
        return MetadataHosts.Any(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase)) ? "a cloud metadata service" : null;
    }

    /// <summary>Why <paramref name="address"/> is refused ("link-local", "multicast", ...), or null when it is allowed.</summary>
    public static string? Refusal(IPAddress address, OutboundOptions options)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return RefusalV4(bytes[..4], options);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        address.TryWriteBytes(bytes, out _);
        return EmbeddedV4(bytes) is { IsEmpty: false } v4 ? RefusalV4(v4, options) : RefusalV6(bytes, options);
    }

    private static string? RefusalV4(ReadOnlySpan<byte> a, OutboundOptions options)
    {
        var (b0, b1, b2, b3) = (a[0], a[1], a[2], a[3]);
        if (b0 == 0)
        {
            return "unspecified";
        }

        if (b0 is >= 224 and <= 239)
        {
            return "multicast";
        }

        if (b0 == 255 && b1 == 255 && b2 == 255 && b3 == 255)
        {
            return "broadcast";
        }

        if (b0 >= 240)
        {
            return "reserved";
        }

        // 169.254.169.254 (AWS, Azure, Google, Oracle...) is link-local; 100.100.100.200 is Alibaba's metadata
        // service; 168.63.129.16 is Azure's host endpoint (wireserver), reachable from every Azure VM.
        if (b0 == 169 && b1 == 254)
        {
            return "link-local";
        }

        if ((b0 == 100 && b1 == 100 && b2 == 100 && b3 == 200) || (b0 == 168 && b1 == 63 && b2 == 129 && b3 == 16))
        {
            return "a cloud metadata address";
        }

        if (options.BlockPrivateNetworks)
        {
            if (b0 == 127)
            {
                return "loopback";
            }

            // 100.64/10 (carrier-grade NAT) is as internal as the RFC 1918 ranges.
            if (b0 == 10 || (b0 == 172 && (b1 & 0xF0) == 16) || (b0 == 192 && b1 == 168) || (b0 == 100 && (b1 & 0xC0) == 64))
            {
                return "private";
            }
        }

        return null;
    }

    private static string? RefusalV6(ReadOnlySpan<byte> a, OutboundOptions options)
    {
        if (a.IndexOfAnyExcept((byte)0) < 0)
        {
            return "unspecified";
        }

        if (a[0] == 0xFF)
        {
            return "multicast";
        }

        if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80)
        {
            return "link-local";
        }

        var address = new IPAddress(a);
        if (address.Equals(AwsMetadataV6) || address.Equals(GoogleMetadataV6))
        {
            return "a cloud metadata address";
        }

        if (options.BlockPrivateNetworks)
        {
            if (a[..15].IndexOfAnyExcept((byte)0) < 0 && a[15] == 1)
            {
                return "loopback";
            }

            // fc00::/7 unique local, and the deprecated site-local fec0::/10.
            if ((a[0] & 0xFE) == 0xFC || (a[0] == 0xFE && (a[1] & 0xC0) == 0xC0))
            {
                return "private";
            }
        }

        return null;
    }

    // The IPv4 address inside ::ffff:a.b.c.d (mapped), 64:ff9b::a.b.c.d (NAT64) and ::a.b.c.d (compatible,
    // except :: and ::1), or empty: a socket or a NAT64 gateway would carry the connection to that IPv4 address.
    private static ReadOnlySpan<byte> EmbeddedV4(ReadOnlySpan<byte> a)
    {
        var head = a[..10];
        if (head.IndexOfAnyExcept((byte)0) < 0 && a[10] == 0xFF && a[11] == 0xFF)
        {
            return a[12..];
        }

        if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xFF && a[3] == 0x9B && a[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return a[12..];
        }

        if (a[..12].IndexOfAnyExcept((byte)0) < 0 && ((a[12] | a[13] | a[14]) != 0 || a[15] > 1))
        {
            return a[12..];
        }

        return default;
    }
}
