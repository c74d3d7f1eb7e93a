using System.Globalization;

namespace Hark.Sdp;

/// <summary>Reads the attributes both session and media level can carry (direction, ptime).</summary>
internal static class SdpAttributeReader
{
    public static string? FindValue(IReadOnlyList<SdpAttribute> attributes, string name)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Is(name))
            {
                return attribute.Value;
            }
        }

        return null;
    }

    public static bool Has(IReadOnlyList<SdpAttribute> attributes, string name)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Is(name))
            {
                return true;
            }
        }

        return false;
    }

    // When a (broken) description lists several directions, the last one wins, as most stacks do.
    public static MediaDirection? Direction(IReadOnlyList<SdpAttribute> attributes)
    {
        MediaDirection? direction = null;
        foreach (var attribute in attributes)
        {
            if (attribute.Value is not null)
            {
                continue;
            }

            direction = attribute.Name.ToUpperInvariant() switch
            {
                "SENDRECV" => MediaDirection.SendRecv,
                "SENDONLY" => MediaDirection.SendOnly,
                "RECVONLY" => MediaDirection.RecvOnly,
                "INACTIVE" => MediaDirection.Inactive,
                _ => direction,
            };
        }

        return direction;
    }

    // ptime is an integer in RFC 4566, but "20.0" and "20 " are seen in the wild.
    public static int? Milliseconds(IReadOnlyList<SdpAttribute> attributes, string name)
    {
        var value = FindValue(attributes, name)?.Trim();
        if (value is null
            || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ms)
            || ms <= 0
            || ms > 10_000)
        {
            return null;
        }

        return (int)Math.Round(ms, MidpointRounding.AwayFromZero);
    }

    public static string Name(MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.RecvOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => "sendrecv",
    };
}
