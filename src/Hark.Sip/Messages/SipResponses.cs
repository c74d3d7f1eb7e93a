namespace Hark.Sip.Messages;

/// <summary>Builds responses to requests as RFC 3261 §8.2.6 says a UAS must.</summary>
public static class SipResponses
{
    /// <summary>A copy of <paramref name="response"/> whose To carries <paramref name="toTag"/> in place of any tag it had.</summary>
    public static SipMessage WithToTag(SipMessage response, string toTag)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentException.ThrowIfNullOrEmpty(toTag);
        var headers = response.Headers.Select(h => h.Name == SipHeaderNames.To ? new SipHeader(SipHeaderNames.To, response.To.WithTag(toTag).ToString()) : h);
        return SipMessage.CreateResponse(response.StatusCode, response.ReasonPhrase, headers, response.Body);
    }

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
    /// <paramref name="toTag"/> is added to a readable To that has none (an unreadable To is copied as it was).
    /// </summary>
    public static SipMessage? CreateFrom(SipParseError error, int statusCode = 0, string? reasonPhrase = null, string? toTag = null)
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
            if (header.Name == SipHeaderNames.To && toTag is not null && SipNameAddress.TryParse(header.Value, out var to) && to.Tag is null)
            {
                headers.Add(new SipHeader(SipHeaderNames.To, to.WithTag(toTag).ToString()));
            }
            else if (header.Name is SipHeaderNames.Via or SipHeaderNames.From or SipHeaderNames.To or SipHeaderNames.CallId or SipHeaderNames.CSeq)
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
