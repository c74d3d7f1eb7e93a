namespace Hark.Sip.Messages;

/// <summary>
/// A parsed or built SIP request or response (RFC 3261 §7). Immutable; the typed accessors are read from
/// <see cref="Headers"/> once, when the message is made, so a message that exists is well formed.
/// </summary>
public sealed partial class SipMessage
{
    private SipMessage(bool isRequest, string method, string requestUri, int statusCode, string reasonPhrase, List<SipHeader> headers, ReadOnlyMemory<byte> body)
    {
        IsRequest = isRequest;
        Method = method;
        RequestUri = requestUri;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
        Body = body;
    }

    public bool IsRequest { get; }

    public bool IsResponse => !IsRequest;

    /// <summary>The request method; for a response, the method of its CSeq.</summary>
    public string Method { get; private set; }

    /// <summary>The Request-URI as written; empty for a response.</summary>
    public string RequestUri { get; }

    /// <summary>The Request-URI when it is sip: or sips:.</summary>
    public SipUri? RequestSipUri { get; private set; }

    /// <summary>The status code of a response; 0 for a request.</summary>
    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    /// <summary>Header lines in wire order, names canonical (compact forms expanded), Content-Length excluded when built.</summary>
    public IReadOnlyList<SipHeader> Headers { get; }

    /// <summary>The body (a copy owned by the message).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Octets the message took on the wire when parsed (0 when built).</summary>
    public int WireLength { get; private set; }

    /// <summary>Problems tolerated rather than rejected (e.g. a Date not in GMT, an Expires out of range).</summary>
    public IReadOnlyList<string> Defects { get; private set; } = [];

    /// <summary>
    /// Builds a request. Content-Length is computed by the writer; any Content-Length given is dropped.
    /// Throws <see cref="SipParseException"/> when a header is malformed or Via/From/To/Call-ID/CSeq is missing.
    /// </summary>
    public static SipMessage CreateRequest(string method, string requestUri, IEnumerable<SipHeader> headers, ReadOnlyMemory<byte> body = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestUri);
        ArgumentNullException.ThrowIfNull(headers);
        if (!SipSyntax.IsToken(method))
        {
            SipSyntax.Fail($"invalid method '{method}'");
        }

        ValidateRequestUri(requestUri);
        var message = new SipMessage(true, method, requestUri, 0, string.Empty, WithoutContentLength(headers), body.ToArray());
        message.Interpret();
        return message;
    }

    /// <summary>Builds a response; <paramref name="reasonPhrase"/> null takes the RFC 3261 phrase for the code.</summary>
    public static SipMessage CreateResponse(int statusCode, string? reasonPhrase, IEnumerable<SipHeader> headers, ReadOnlyMemory<byte> body = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        var reason = reasonPhrase ?? SipStatusCodes.GetReasonPhrase(statusCode);
        if (reason.Contains('\r', StringComparison.Ordinal) || reason.Contains('\n', StringComparison.Ordinal))
        {
            SipSyntax.Fail("reason phrase holds a line break");
        }

        var message = new SipMessage(false, string.Empty, string.Empty, statusCode, reason, WithoutContentLength(headers), body.ToArray());
        message.Interpret();
        return message;
    }

    /// <summary>The first value of a header (any spelling or compact form of its name), or null.</summary>
    public string? GetHeader(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        foreach (var header in Headers)
        {
            if (string.Equals(header.Name, canonical, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>Every line of a header, in order.</summary>
    public IEnumerable<string> GetHeaders(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        foreach (var header in Headers)
        {
            if (string.Equals(header.Name, canonical, StringComparison.OrdinalIgnoreCase))
            {
                yield return header.Value;
            }
        }
    }

    public override string ToString() => IsRequest ? $"{Method} {RequestUri}" : $"{StatusCode} {ReasonPhrase}";

    /// <summary>A response built from raw, unchecked header lines (answers to requests that failed to parse).</summary>
    internal static SipMessage CreateUnchecked(int statusCode, string reasonPhrase, List<SipHeader> headers) =>
        new(false, string.Empty, string.Empty, statusCode, reasonPhrase, headers, ReadOnlyMemory<byte>.Empty);

    private static List<SipHeader> WithoutContentLength(IEnumerable<SipHeader> headers)
    {
        var list = new List<SipHeader>();
        foreach (var header in headers)
        {
            var name = SipHeaderNames.Canonicalize(header.Name);
            if (!SipSyntax.IsToken(name))
            {
                SipSyntax.Fail($"invalid header name '{header.Name}'");
            }

            if (header.Value.Contains('\r', StringComparison.Ordinal) || header.Value.Contains('\n', StringComparison.Ordinal))
            {
                SipSyntax.Fail($"{name} value holds a line break");
            }

            if (name != SipHeaderNames.ContentLength)
            {
                list.Add(new SipHeader(name, header.Value.Trim(' ', '\t')));
            }
        }

        return list;
    }

    private static void ValidateRequestUri(string uri)
    {
        if (SipSyntax.IsSipScheme(uri))
        {
            // §19.1.5: headers are not allowed in a Request-URI; reject rather than guess (RFC 4475 §3.1.2.11).
            if (SipUri.Parse(uri).Headers.Count > 0)
            {
                SipSyntax.Fail("Request-URI carries URI headers");
            }
        }
        else if (!SipSyntax.IsAbsoluteUri(uri))
        {
            SipSyntax.Fail($"invalid Request-URI '{uri}'");
        }
    }
}
