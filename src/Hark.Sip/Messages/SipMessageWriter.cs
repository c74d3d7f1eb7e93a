using System.Buffers;
using System.Globalization;
using System.Text;

namespace Hark.Sip.Messages;

/// <summary>
/// Encodes a <see cref="SipMessage"/> into a caller's buffer: start line, headers in order, a computed
/// Content-Length (always written, RFC 3261 §18.3 and §20.14), an empty line and the body.
/// </summary>
public static class SipMessageWriter
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static ReadOnlySpan<byte> ColonSpace => ": "u8;

    private static ReadOnlySpan<byte> Version => "SIP/2.0"u8;

    /// <summary>The exact number of octets <see cref="TryWrite"/> will produce.</summary>
    public static int GetByteCount(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var count = message.IsRequest
            ? Encoding.UTF8.GetByteCount(message.Method) + 1 + Encoding.UTF8.GetByteCount(message.RequestUri) + 1 + Version.Length
            : Version.Length + 5 + Encoding.UTF8.GetByteCount(message.ReasonPhrase);
        count += Crlf.Length;
        var headers = message.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            count += Encoding.UTF8.GetByteCount(header.Name) + ColonSpace.Length + Encoding.UTF8.GetByteCount(header.Value) + Crlf.Length;
        }

        count += "Content-Length: "u8.Length + Digits(message.Body.Length) + Crlf.Length + Crlf.Length;
        return count + message.Body.Length;
    }

    /// <summary>Writes the message; false (and nothing meaningful written) when <paramref name="destination"/> is too small.</summary>
    public static bool TryWrite(SipMessage message, Span<byte> destination, out int written)
    {
        ArgumentNullException.ThrowIfNull(message);
        written = 0;
        if (destination.Length < GetByteCount(message))
        {
            return false;
        }

        var pos = 0;
        if (message.IsRequest)
        {
            pos += Encoding.UTF8.GetBytes(message.Method, destination[pos..]);
            destination[pos++] = (byte)' ';
            pos += Encoding.UTF8.GetBytes(message.RequestUri, destination[pos..]);
            destination[pos++] = (byte)' ';
            pos += Copy(Version, destination[pos..]);
        }
        else
        {
            pos += Copy(Version, destination[pos..]);
            destination[pos++] = (byte)' ';
            message.StatusCode.TryFormat(destination[pos..], out var codeLength, default, CultureInfo.InvariantCulture);
            pos += codeLength;
            destination[pos++] = (byte)' ';
            pos += Encoding.UTF8.GetBytes(message.ReasonPhrase, destination[pos..]);
        }

        pos += Copy(Crlf, destination[pos..]);
        var headers = message.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            pos += Encoding.UTF8.GetBytes(header.Name, destination[pos..]);
            pos += Copy(ColonSpace, destination[pos..]);
            pos += Encoding.UTF8.GetBytes(header.Value, destination[pos..]);
            pos += Copy(Crlf, destination[pos..]);
        }

        pos += Copy("Content-Length: "u8, destination[pos..]);
        message.Body.Length.TryFormat(destination[pos..], out var lengthDigits, default, CultureInfo.InvariantCulture);
        pos += lengthDigits;
        pos += Copy(Crlf, destination[pos..]);
        pos += Copy(Crlf, destination[pos..]);
        pos += Copy(message.Body.Span, destination[pos..]);
        written = pos;
        return true;
    }

    /// <summary>Writes the message into <paramref name="writer"/> and returns the octet count.</summary>
    public static int Write(SipMessage message, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var count = GetByteCount(message);
        var span = writer.GetSpan(count);
        TryWrite(message, span, out var written);
        writer.Advance(written);
        return written;
    }

    /// <summary>Convenience for tests and logs: the message as a new array.</summary>
    public static byte[] ToArray(SipMessage message)
    {
        var bytes = new byte[GetByteCount(message)];
        TryWrite(message, bytes, out _);
        return bytes;
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private static int Digits(int value) => value < 10 ? 1 : (int)Math.Floor(Math.Log10(value)) + 1;
}
