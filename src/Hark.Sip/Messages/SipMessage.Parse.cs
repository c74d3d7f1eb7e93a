using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Hark.Sip.Messages;

/// <summary>Parsing from bytes (RFC 3261 §7, §18.3).</summary>
public sealed partial class SipMessage
{
    /// <summary>Parses one message; throws only <see cref="SipParseException"/>.</summary>
    public static SipMessage Parse(ReadOnlySpan<byte> data, SipFraming framing, SipParserLimits? limits = null) =>
        TryParse(data, framing, out var message, out var error, limits) ? message : throw new SipParseException(error);

    /// <summary>
    /// Parses one message from a datagram, or from the front of a stream buffer (which must hold the whole
    /// message, see <see cref="SipStreamFramer"/>). Never throws for malformed input.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> data,
        SipFraming framing,
        [NotNullWhen(true)] out SipMessage? message,
        [NotNullWhen(false)] out SipParseError? error,
        SipParserLimits? limits = null)
    {
        limits ??= SipParserLimits.Default;
        var reader = new HeaderReader();
        try
        {
            message = ParseCore(data, framing, limits, reader);
            error = null;
            return true;
        }
        catch (SipParseException ex)
        {
            message = null;
            error = new SipParseError(ex.Error.Reason, ex.Error.StatusCode)
            {
                IsRequest = reader.IsRequest,
                Method = reader.Method,
                Headers = reader.Headers,
            };
            return false;
        }
    }

    private static SipMessage ParseCore(ReadOnlySpan<byte> data, SipFraming framing, SipParserLimits limits, HeaderReader reader)
    {
        if (data.Length > limits.MaxMessageBytes && framing == SipFraming.Datagram)
        {
            throw new SipParseException(new SipParseError("message too large", 513));
        }

        var pos = 0;

        // §7.5: CRLFs before the start line are ignored (they are also stream keep-alives).
        while (pos < data.Length && data[pos] is (byte)'\r' or (byte)'\n')
        {
            pos++;
        }

        var startLine = ReadLine(data, ref pos, limits) ?? throw Error("no start line");
        var (isRequest, method, uri, status, reason, lineError) = ParseStartLine(startLine);
        reader.IsRequest = isRequest;
        reader.Method = method;
        reader.ReadHeaders(data, ref pos, limits);
        if (isRequest)
        {
            // Checked after the headers so that a bad request line, version or Request-URI can still be answered.
            if (lineError is not null)
            {
                throw Error(lineError);
            }

            CheckVersion(startLine[(startLine.LastIndexOf(' ') + 1)..]);
            ValidateRequestUri(uri);
        }

        var bodyStart = pos;
        var end = BodyEnd(data, bodyStart, framing, reader.Headers);
        if (end > limits.MaxMessageBytes)
        {
            throw new SipParseException(new SipParseError("message too large", 513));
        }

        var headers = reader.Headers.FindAll(h => h.Name != SipHeaderNames.ContentLength);
        var message = new SipMessage(isRequest, method ?? string.Empty, uri, status, reason, headers, data[bodyStart..end].ToArray());
        message.Interpret();
        message.WireLength = end;
        return message;
    }

    private static (bool IsRequest, string? Method, string Uri, int Status, string Reason, string? Error) ParseStartLine(string line)
    {
        if (line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase; an empty reason (even without its SP) is tolerated.
            var firstSpace = line.IndexOf(' ', StringComparison.Ordinal);
            if (firstSpace < 0)
            {
                throw Error("invalid status line");
            }

            CheckVersion(line[..firstSpace]);
            var rest = line.AsSpan(firstSpace + 1);
            var codeEnd = rest.IndexOf(' ');
            var code = codeEnd < 0 ? rest : rest[..codeEnd];
            if (code.Length != 3 || !SipSyntax.TryParseDigits(code, out var value) || value is < 100 or > 699)
            {
                throw Error("invalid status code");
            }

            return (false, null, string.Empty, (int)value, codeEnd < 0 ? string.Empty : rest[(codeEnd + 1)..].ToString(), null);
        }

        // Request-Line = Method SP Request-URI SP SIP-Version, single spaces only (RFC 4475 §3.1.2.9, §3.1.2.10).
        var parts = line.Split(' ');
        if (parts.Length < 3 || !SipSyntax.IsToken(parts[0]))
        {
            throw Error("invalid request line");
        }

        var error = parts.Length != 3 || parts[1].Length == 0 ? "request line is not Method SP Request-URI SP SIP-Version" : null;
        return (true, parts[0], parts[1], 0, string.Empty, error);
    }

    private static void CheckVersion(string version)
    {
        if (!version.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase) || version.Length < 7)
        {
            throw Error("invalid SIP version");
        }

        if (version[4..] != "2.0")
        {
            throw new SipParseException(new SipParseError($"unsupported SIP version {version}", 505));
        }
    }

    private static int BodyEnd(ReadOnlySpan<byte> data, int bodyStart, SipFraming framing, List<SipHeader> headers)
    {
        string? lengthText = null;
        foreach (var header in headers)
        {
            if (header.Name == SipHeaderNames.ContentLength)
            {
                // Two Content-Lengths leave the framing unknowable (RFC 4475 §3.3.9).
                lengthText = lengthText is null ? header.Value : throw Error("more than one Content-Length");
            }
        }

        var available = data.Length - bodyStart;
        if (lengthText is null)
        {
            return framing == SipFraming.Datagram ? data.Length : throw Error("Content-Length is required on a stream");
        }

        if (!SipSyntax.TryParseDigits(lengthText, out var length) || length > int.MaxValue)
        {
            throw Error("invalid Content-Length");
        }

        if ((ulong)available < length)
        {
            throw Error(framing == SipFraming.Datagram ? "Content-Length larger than the datagram" : "incomplete message");
        }

        // Octets after Content-Length in a datagram are noise to ignore (§18.3, RFC 4475 §3.1.1.8).
        return bodyStart + (int)length;
    }

    private static string? ReadLine(ReadOnlySpan<byte> data, ref int pos, SipParserLimits limits)
    {
        var rest = data[pos..];
        var lf = rest.IndexOf((byte)'\n');
        if (lf < 0)
        {
            return null;
        }

        var line = lf > 0 && rest[lf - 1] == (byte)'\r' ? rest[..(lf - 1)] : rest[..lf];
        if (line.Length > limits.MaxHeaderLineBytes)
        {
            throw new SipParseException(new SipParseError("header line too long", 513));
        }

        if (line.Contains((byte)'\r'))
        {
            throw Error("bare CR in the header section");
        }

        pos += lf + 1;
        return Encoding.UTF8.GetString(line);
    }

    /// <summary>Collects unfolded header lines; kept outside the parse so a failure can still report them.</summary>
    private sealed class HeaderReader
    {
        public bool IsRequest { get; set; }

        public string? Method { get; set; }

        public List<SipHeader> Headers { get; } = [];

        public void ReadHeaders(ReadOnlySpan<byte> data, ref int pos, SipParserLimits limits)
        {
            Span<char> stackChars = stackalloc char[128];
            while (true)
            {
                var line = NextLine(data, ref pos, limits);
                if (line.IsEmpty)
                {
                    return;
                }

                if (line[0] is (byte)' ' or (byte)'\t')
                {
                    throw Error("continuation line before the first header");
                }

                var colon = line.IndexOf((byte)':');
                var rawName = colon < 0 ? [] : line[..colon].TrimEnd(" \t"u8);
                // Names are ASCII tokens; long (unknown) ones go to the heap, the usual short ones stay on the stack.
                var nameChars = rawName.Length <= stackChars.Length ? stackChars[..rawName.Length] : new char[rawName.Length];
                if (rawName.IsEmpty || Ascii.ToUtf16(rawName, nameChars, out _) != OperationStatus.Done || !SipSyntax.IsToken(nameChars))
                {
                    throw Error("malformed header line");
                }

                var name = SipHeaderNames.Canonicalize(nameChars);
                var value = line[(colon + 1)..].Trim(" \t"u8);
                if (pos >= data.Length || data[pos] is not ((byte)' ' or (byte)'\t'))
                {
                    Add(name, Encoding.UTF8.GetString(value), limits);
                    continue;
                }

                // LWS continuation: the line break and leading whitespace read as one SP (§7.3.1).
                var folded = new StringBuilder(Encoding.UTF8.GetString(value));
                while (pos < data.Length && data[pos] is (byte)' ' or (byte)'\t')
                {
                    var more = NextLine(data, ref pos, limits).Trim(" \t"u8);
                    folded.Append(' ').Append(Encoding.UTF8.GetString(more));
                    if (folded.Length > limits.MaxHeaderLineBytes)
                    {
                        throw new SipParseException(new SipParseError("header line too long", 513));
                    }
                }

                Add(name, folded.ToString().Trim(' ', '\t'), limits);
            }
        }

        private static ReadOnlySpan<byte> NextLine(ReadOnlySpan<byte> data, ref int pos, SipParserLimits limits)
        {
            var rest = data[pos..];
            var lf = rest.IndexOf((byte)'\n');
            if (lf < 0)
            {
                throw Error("header section not terminated by an empty line");
            }

            var line = lf > 0 && rest[lf - 1] == (byte)'\r' ? rest[..(lf - 1)] : rest[..lf];
            if (line.Length > limits.MaxHeaderLineBytes)
            {
                throw new SipParseException(new SipParseError("header line too long", 513));
            }

            if (line.Contains((byte)'\r'))
            {
                throw Error("bare CR in the header section");
            }

            pos += lf + 1;
            return line;
        }

        private void Add(string name, string value, SipParserLimits limits)
        {
            if (Headers.Count >= limits.MaxHeaderCount)
            {
                throw new SipParseException(new SipParseError("too many headers", 513));
            }

            Headers.Add(new SipHeader(name, value));
        }
    }
}
