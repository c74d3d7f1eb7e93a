using System.Buffers.Text;
using System.Text;

namespace Hark.Sip.Messages;

/// <summary>Finds where one message ends in a stream buffer (TCP), using Content-Length as RFC 3261 §18.3 requires.</summary>
public static class SipStreamFramer
{
    /// <summary>
    /// Returns <see cref="SipFrameStatus.Complete"/> with the message length (leading keep-alive CRLFs included),
    /// <see cref="SipFrameStatus.KeepAlive"/> with the count of CRLF octets to drop when the buffer holds nothing else,
    /// <see cref="SipFrameStatus.Incomplete"/> when more bytes are needed, or <see cref="SipFrameStatus.Invalid"/>
    /// when the framing cannot be recovered (the connection should then be closed). Lines must end in CRLF.
    /// </summary>
    public static SipFrameStatus TryFrame(ReadOnlySpan<byte> buffer, out int length, SipParserLimits? limits = null)
    {
        limits ??= SipParserLimits.Default;
        length = 0;
        var start = 0;
        while (start < buffer.Length && buffer[start] is (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start == buffer.Length && start > 0)
        {
            // Only CRLF keep-alives so far (RFC 5626 §3.5.1): let the caller drop them instead of buffering forever.
            length = start;
            return SipFrameStatus.KeepAlive;
        }

        var headerEnd = buffer[start..].IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            return buffer.Length - start > limits.MaxMessageBytes ? SipFrameStatus.Invalid : SipFrameStatus.Incomplete;
        }

        var headerSection = buffer.Slice(start, headerEnd + 2);
        var contentLength = -1;
        var pos = 0;
        while (pos < headerSection.Length)
        {
            var lineEnd = headerSection[pos..].IndexOf("\r\n"u8);
            var line = headerSection.Slice(pos, lineEnd);
            pos += lineEnd + 2;
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].TrimEnd(" \t"u8);
            if (!name.SequenceEqual("l"u8) && !name.SequenceEqual("L"u8) && !Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (contentLength >= 0 || !Utf8Parser.TryParse(value, out int parsed, out var consumed) || consumed != value.Length || parsed < 0)
            {
                return SipFrameStatus.Invalid;
            }

            contentLength = parsed;
        }

        if (contentLength < 0)
        {
            return SipFrameStatus.Invalid;
        }

        var total = (long)start + headerEnd + 4 + contentLength;
        if (total - start > limits.MaxMessageBytes)
        {
            return SipFrameStatus.Invalid;
        }

        if (total > buffer.Length)
        {
            return SipFrameStatus.Incomplete;
        }

        length = (int)total;
        return SipFrameStatus.Complete;
    }
}
