using System.Buffers;
using System.Text;

namespace Hark.Graph.Prompts;

/// <summary>Decodes RFC 2397 <c>data:</c> URIs: <c>data:[media type][;base64],payload</c>, the payload percent-encoded either way.</summary>
internal static class PromptDataUri
{
    /// <summary>The bytes the URI carries; <see cref="PromptLoadException"/> when malformed or over <paramref name="maxBytes"/>.</summary>
    public static byte[] Decode(string uri, int maxBytes)
    {
        var comma = uri.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            throw new PromptLoadException(uri, "malformed data: URI (no comma before the data)", null);
        }

        var header = uri.AsSpan(5, comma - 5);
        var payload = uri.AsSpan(comma + 1);
        var isBase64 = header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase)
            || header.Equals("base64", StringComparison.OrdinalIgnoreCase);

        // Percent-decoding never makes the payload longer, and base64 makes it shorter still: a cheap early bound.
        if ((isBase64 ? (long)payload.Length / 4 * 3 : payload.Length) > maxBytes + 3L)
        {
            throw TooLarge(uri, maxBytes);
        }

        var bytes = PercentDecode(uri, payload);
        if (isBase64)
        {
            bytes = Base64Decode(uri, bytes);
        }

        return bytes.Length > maxBytes ? throw TooLarge(uri, maxBytes) : bytes;
    }

    private static PromptLoadException TooLarge(string uri, int maxBytes) =>
        new(uri, $"larger than {PromptSize.Format(maxBytes)}", null);

    private static byte[] PercentDecode(string uri, ReadOnlySpan<char> text)
    {
        var output = new ArrayBufferWriter<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !IsHex(text[i + 1]) || !IsHex(text[i + 2]))
                {
                    throw new PromptLoadException(uri, "malformed data: URI (bad percent escape)", null);
                }

                output.GetSpan(1)[0] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                output.Advance(1);
                i += 2;
            }
            else if (c < 0x80)
            {
                output.GetSpan(1)[0] = (byte)c;
                output.Advance(1);
            }
            else
            {
                // Raw non-ASCII text in the URI stands for its UTF-8 bytes, as a browser would send them.
                var length = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
                var written = Encoding.UTF8.GetBytes(text.Slice(i, length), utf8);
                output.Write(utf8[..written]);
                i += length - 1;
            }
        }

        return output.WrittenSpan.ToArray();
    }

    // Lenient like browsers: whitespace ignored, base64url letters accepted, missing padding restored.
    private static byte[] Base64Decode(string uri, byte[] ascii)
    {
        var text = new StringBuilder(ascii.Length + 3);
        foreach (var b in ascii)
        {
            switch ((char)b)
            {
                case ' ' or '\t' or '\r' or '\n':
                    break;
                case '-':
                    text.Append('+');
                    break;
                case '_':
                    text.Append('/');
                    break;
                default:
                    text.Append((char)b);
                    break;
            }
        }

        while (text.Length % 4 != 0)
        {
            text.Append('=');
        }

        var decoded = new byte[text.Length / 4 * 3];
        return Convert.TryFromBase64String(text.ToString(), decoded, out var count)
            ? decoded[..count]
            : throw new PromptLoadException(uri, "malformed data: URI (invalid base64)", null);
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
