using System.Text;
using Hark.Graph.Errors;

namespace Hark.Host.Http;

/// <summary>
/// What the first bytes of a refused connection say: whether an HTTP/1.1 answer fits them, whether the request head
/// is all there, and the client's <c>client-request-id</c> to echo.
/// </summary>
internal static class HttpRequestHead
{
    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> Http2Preface => "PRI * HTTP/2.0"u8;

    private static ReadOnlySpan<byte> ClientRequestIdName => "client-request-id"u8;

    /// <summary>Whether the request line and every header are in <paramref name="bytes"/>.</summary>
    public static bool IsComplete(ReadOnlySpan<byte> bytes) => bytes.IndexOf(EndOfHead) >= 0;

    /// <summary>
    /// Whether an HTTP/1.1 answer may be written: nothing read yet (a slow HTTP/1 client), or a method token's first
    /// letter. Not for HTTP/2's preface (or what could still become it), nor a TLS handshake (0x16) or other bytes.
    /// </summary>
    public static bool MayBeHttp1(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return true;
        }

        var length = Math.Min(bytes.Length, Http2Preface.Length);
        return !bytes[..length].SequenceEqual(Http2Preface[..length]) && bytes[0] is >= (byte)'A' and <= (byte)'Z';
    }

    /// <summary>
    /// The <c>client-request-id</c> header's value, when it is 1 to <see cref="GraphRequestIds.MaxClientRequestIdLength"/>
    /// visible ASCII characters; else null. The bytes come raw, without Kestrel's header checks: only visible ASCII is
    /// safe to echo in a header.
    /// </summary>
    public static string? ClientRequestId(ReadOnlySpan<byte> bytes)
    {
        // Skip the request line; only lines ended by CRLF count.
        var next = bytes.IndexOf("\r\n"u8);
        while (next >= 0)
        {
            bytes = bytes[(next + 2)..];
            next = bytes.IndexOf("\r\n"u8);
            if (next <= 0)
            {
                return null;
            }

            var line = bytes[..next];
            var colon = line.IndexOf((byte)':');
            if (colon > 0 && Ascii.EqualsIgnoreCase(line[..colon], ClientRequestIdName))
            {
                var value = line[(colon + 1)..].Trim(" \t"u8);
                return value.Length is > 0 and <= GraphRequestIds.MaxClientRequestIdLength && !value.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E)
                    ? Encoding.ASCII.GetString(value)
                    : null;
            }
        }

        return null;
    }
}
