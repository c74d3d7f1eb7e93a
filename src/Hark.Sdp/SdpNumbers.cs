using System.Globalization;

namespace Hark.Sdp;

/// <summary>Strict unsigned decimal parsing shared by the parser and the attribute helpers.</summary>
internal static class SdpNumbers
{
    public static bool TryParseInt(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryParseULong(ReadOnlySpan<char> text, out ulong value) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryParsePort(ReadOnlySpan<char> text, out int port) =>
        TryParseInt(text, out port) && port <= 65535;

    public static bool TryParsePayloadType(ReadOnlySpan<char> text, out int payloadType) =>
        TryParseInt(text, out payloadType) && payloadType <= 127;

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
