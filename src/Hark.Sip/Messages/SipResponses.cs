namespace Hark.Sip.Messages;

/// <summary>Builds responses to requests as RFC 3261 §8.2.6 says a UAS must.</summary>
public static class SipResponses
{
    /// <summary>
    /// A response copying every Via (in order), From, To, Call-ID and CSeq from <paramref name="request"/>, plus
    /// Timestamp for a 100 (§8.2.6.1). <paramref name="toTag"/> is added to To unless To already has a tag.
    /// </summary>
    public static SipMessage CreateFrom(
        SipMessage request,
        int statusCode,
        string? reasonPhrase = null,
        string? toTag = null,
        IEnumerable<SipHeader>? extraHeaders = null,
        ReadOnlyMemory<byte> body = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsRequest)
        {
            throw new ArgumentException("a response is answered by nobody", nameof(request));
        }

        var headers = new List<SipHeader>();
        foreach (var header in request.Headers)
        {
            switch (header.Name)
            {
                case SipHeaderNames.Via:
                case SipHeaderNames.From:
                case SipHeaderNames.CallId:
                case SipHeaderNames.CSeq:
                    headers.Add(header);
                    break;
                case SipHeaderNames.To:
                    headers.Add(toTag is not null && request.To.Tag is null
                        ? new SipHeader(SipHeaderNames.To, request.To.WithTag(toTag).ToString())
                        : header);
                    break;
                case SipHeaderNames.Timestamp when statusCode == 100:
                    headers.Add(header);
                    break;
            }
        }

        if (extraHeaders is not null)
        {
            headers.AddRange(extraHeaders);
        }

        return SipMessage.CreateResponse(statusCode, reasonPhrase, headers, body);
    }

    /// <summary>
    /// A response to a request that failed to parse, from the raw Via, From, To, Call-ID and CSeq lines it had;
    /// null when <see cref="SipParseError.CanRespond"/> is false. Defaults to the error's own status.
    /// </summary>
    public static SipMessage? CreateFrom(SipParseError error, int statusCode = 0, string? reasonPhrase = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!error.CanRespond)
        {
            return null;
        }

        var code = statusCode == 0 ? error.StatusCode : statusCode;
        var headers = new List<SipHeader>();
        foreach (var header in error.Headers)
        {
            if (header.Name is SipHeaderNames.Via or SipHeaderNames.From or SipHeaderNames.To or SipHeaderNames.CallId or SipHeaderNames.CSeq)
            {
                headers.Add(header);
            }
        }

        var reason = reasonPhrase ?? SipStatusCodes.GetReasonPhrase(code);
        if (reason.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("reason phrase holds a line break", nameof(reasonPhrase));
        }

        return SipMessage.CreateUnchecked(code, reason, headers);
    }
}
