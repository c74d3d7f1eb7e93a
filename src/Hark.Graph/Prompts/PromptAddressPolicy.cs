using System.Net;
using System.Net.Sockets;

namespace Hark.Graph.Prompts;

/// <summary>
/// Which addresses a prompt fetch may connect to. Link-local and cloud metadata addresses are refused unless
/// <see cref="PromptOptions.AllowLinkLocal"/>; unspecified, multicast, broadcast and reserved ones always;
/// loopback and private ones only with <see cref="PromptOptions.BlockPrivateNetworks"/>. IPv6 forms that embed
/// an IPv4 address (mapped, compatible, NAT64) are judged by the IPv4 address they carry.
/// </summary>
internal static class PromptAddressPolicy
{
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    /// <summary>True when a prompt fetch may connect to <paramref name="address"/>.</summary>
    public static bool IsAllowed(IPAddress address, PromptOptions options) => Refusal(address, options) is null;

    /// <summary>Why <paramref name="address"/> is refused ("link-local", "multicast", ...), or null when it is allowed.</summary>
    public static string? Refusal(IPAddress address, PromptOptions options)
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

    private static string? RefusalV4(ReadOnlySpan<byte> a, PromptOptions options)
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

        if (!options.AllowLinkLocal)
        {
            if (b0 == 169 && b1 == 254)
            {
                return "link-local";
            }

            if (b0 == 100 && b1 == 100 && b2 == 100 && b3 == 200)
            {
                return "a cloud metadata address";
            }
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

    private static string? RefusalV6(ReadOnlySpan<byte> a, PromptOptions options)
    {
        if (a.IndexOfAnyExcept((byte)0) < 0)
        {
            return "unspecified";
        }

        if (a[0] == 0xFF)
        {
            return "multicast";
        }

        if (!options.AllowLinkLocal)
        {
            if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80)
            {
                return "link-local";
            }

            if (new IPAddress(a).Equals(AwsMetadataV6))
            {
                return "a cloud metadata address";
            }
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
