using System.Globalization;

namespace Hark.Sdp;

/// <summary>A c= line: <c>IN IP4 192.0.2.1</c>, <c>IN IP6 2001:db8::1</c>, or multicast with TTL/count.</summary>
/// <param name="NetworkType">Always "IN" in practice.</param>
/// <param name="AddressType">"IP4" or "IP6".</param>
/// <param name="Address">The address or host name, without the multicast suffix.</param>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>The multicast TTL (IPv4 only), when given.</summary>
    public int? Ttl { get; init; }

    /// <summary>The number of multicast addresses, when given.</summary>
    public int? AddressCount { get; init; }

    /// <summary>True for <c>0.0.0.0</c>, the RFC 2543 way of putting a stream on hold.</summary>
    public bool IsUnspecifiedIPv4 => Address == "0.0.0.0";

    /// <summary>A unicast connection line for <paramref name="address"/>, IP6 when it contains a ':'.</summary>
    public static SdpConnection For(string address) =>
        new("IN", address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4", address);

    /// <inheritdoc/>
    public override string ToString()
    {
        var suffix = (Ttl, AddressCount) switch
        {
            (int ttl, int count) => string.Create(CultureInfo.InvariantCulture, $"/{ttl}/{count}"),
            (int ttl, null) => string.Create(CultureInfo.InvariantCulture, $"/{ttl}"),
            (null, int count) => string.Create(CultureInfo.InvariantCulture, $"/{count}"),
            _ => string.Empty,
        };
        return $"c={NetworkType} {AddressType} {Address}{suffix}";
    }
}
