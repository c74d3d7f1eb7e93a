using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Hark.Sdp;

/// <summary>An <c>a=fmtp:&lt;format&gt; &lt;parameters&gt;</c> attribute.</summary>
/// <param name="Format">The format (payload type for RTP) the parameters apply to.</param>
/// <param name="Parameters">The parameter text, opaque to SDP (e.g. "0-16" for telephone-event).</param>
public sealed record FormatParameters(string Format, string Parameters)
{
    /// <summary>The attribute name.</summary>
    public const string AttributeName = "fmtp";

    /// <summary>The parameters for an RTP payload type.</summary>
    public static FormatParameters ForPayloadType(int payloadType, string parameters) =>
        new(payloadType.ToString(CultureInfo.InvariantCulture), parameters);

    /// <summary>The attribute carrying these parameters.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, $"{Format} {Parameters}");

    /// <summary>Reads the value of an fmtp attribute; false when it has no format.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out FormatParameters? parameters)
    {
        parameters = null;
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        parameters = space < 0
            ? new FormatParameters(trimmed, string.Empty)
            : new FormatParameters(trimmed[..space], trimmed[(space + 1)..].Trim());
        return true;
    }
}
