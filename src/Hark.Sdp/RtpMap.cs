using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Hark.Sdp;

/// <summary>An <c>a=rtpmap:&lt;pt&gt; &lt;name&gt;/&lt;clock&gt;[/&lt;channels&gt;]</c> attribute.</summary>
/// <param name="PayloadType">The RTP payload type (0-127).</param>
/// <param name="EncodingName">The encoding name as written (compare ignoring case).</param>
/// <param name="ClockRate">The RTP clock rate in Hz.</param>
/// <param name="Channels">The channel count for audio, when given.</param>
public sealed record RtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    /// <summary>The attribute name.</summary>
    public const string AttributeName = "rtpmap";

    /// <summary>True when this maps <paramref name="name"/> at <paramref name="clockRate"/> Hz, mono or unspecified.</summary>
    public bool IsMono(string name, int clockRate) =>
        string.Equals(EncodingName, name, StringComparison.OrdinalIgnoreCase)
        && ClockRate == clockRate
        && Channels is null or 1;

    /// <summary>The attribute carrying this mapping.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ValueText());

    /// <summary>Reads the value of an rtpmap attribute; false when it is malformed.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out RtpMap? map)
    {
        map = null;
        if (value is null)
        {
            return false;
        }

        var parts = value.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !SdpNumbers.TryParsePayloadType(parts[0], out var pt))
        {
            return false;
        }

        var encoding = parts[1].Split('/');
        if (encoding.Length is < 2 or > 3 || encoding[0].Length == 0 || !SdpNumbers.TryParseInt(encoding[1], out var clock) || clock == 0)
        {
            return false;
        }

        int? channels = null;
        if (encoding.Length == 3)
        {
            if (!SdpNumbers.TryParseInt(encoding[2], out var count) || count == 0)
            {
                return false;
            }

            channels = count;
        }

        map = new RtpMap(pt, encoding[0], clock, channels);
        return true;
    }

    private string ValueText() => Channels is int channels
        ? string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}/{channels}")
        : string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}");
}
