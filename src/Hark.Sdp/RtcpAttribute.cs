using System.Diagnostics.CodeAnalysis;

namespace Hark.Sdp;

/// <summary>An RFC 3605 <c>a=rtcp:&lt;port&gt; [IN IP4 &lt;address&gt;]</c> attribute.</summary>
/// <param name="Port">The RTCP port.</param>
/// <param name="Connection">The RTCP address, when it differs from the media's.</param>
public sealed record RtcpAttribute(int Port, SdpConnection? Connection = null)
{
    /// <summary>The attribute name.</summary>
    public const string AttributeName = "rtcp";

    /// <summary>Reads the value of an rtcp attribute; false when it is malformed.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out RtcpAttribute? rtcp)
    {
        rtcp = null;
        if (value is null)
        {
            return false;
        }

        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !SdpNumbers.TryParsePort(parts[0], out var port))
        {
            return false;
        }

        rtcp = parts.Length >= 4
            ? new RtcpAttribute(port, new SdpConnection(parts[1], parts[2], parts[3]))
            : new RtcpAttribute(port);
        return true;
    }
}
