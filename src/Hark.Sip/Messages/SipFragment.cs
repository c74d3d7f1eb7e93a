using System.Text;

namespace Hark.Sip.Messages;

/// <summary>
/// The start line of a <c>message/sipfrag</c> body (RFC 3420) as REFER's NOTIFYs carry it (RFC 3515 §2.4.5):
/// <c>SIP/2.0 200 OK</c>, optionally followed by headers Hark does not need.
/// </summary>
public static class SipFragment
{
    /// <summary>The media type of a sipfrag body.</summary>
    public const string ContentType = "message/sipfrag";

    /// <summary>Longest start line read; a longer one is not a status line Hark takes.</summary>
    private const int MaxLineLength = 256;

    /// <summary>
    /// Reads the status code and reason of a sipfrag whose first line is a SIP status line. False (nothing read) for a
    /// request line, an empty or malformed body, or a code outside 100–699.
    /// </summary>
    public static bool TryReadStatus(ReadOnlySpan<byte> body, out int statusCode, out string reasonPhrase)
    {
        statusCode = 0;
        reasonPhrase = "";
        var end = body.IndexOfAny((byte)'\r', (byte)'\n');
        var line = end < 0 ? body : body[..end];
        if (line.Length > MaxLineLength || !line.StartsWith("SIP/2.0 "u8))
        {
            return false;
        }

        line = line["SIP/2.0 ".Length..];
        if (line.Length < 3 || !IsDigit(line[0]) || !IsDigit(line[1]) || !IsDigit(line[2]) || (line.Length > 3 && line[3] != (byte)' '))
        {
            return false;
        }

        var code = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
        if (code is < 100 or > 699)
        {
            return false;
        }

        statusCode = code;
        reasonPhrase = line.Length > 4 ? Encoding.UTF8.GetString(line[4..]).Trim() : "";
        return true;
    }

    /// <summary>Writes <c>SIP/2.0 {code} {reason}</c> and CRLF, the body a transferee sends (tests, and a future REFER recipient).</summary>
    public static byte[] Status(int statusCode, string reasonPhrase) =>
        Encoding.UTF8.GetBytes($"SIP/2.0 {statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)} {reasonPhrase}\r\n");

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
