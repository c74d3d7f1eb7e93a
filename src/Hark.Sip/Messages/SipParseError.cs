namespace Hark.Sip.Messages;

/// <summary>
/// Why a message was rejected, the status a server should answer with, and the raw headers read before the
/// failure, so a request whose Via, From, To, Call-ID and CSeq were readable can still be answered (RFC 3261 §8.2.6).
/// </summary>
public sealed class SipParseError
{
    public SipParseError(string reason, int statusCode)
    {
        Reason = reason;
        StatusCode = statusCode;
    }

    public string Reason { get; }

    /// <summary>400 for syntax, 505 for an unsupported SIP version, 513 when a limit was exceeded.</summary>
    public int StatusCode { get; }

    /// <summary>True when the start line was a readable request line.</summary>
    public bool IsRequest { get; internal init; }

    /// <summary>The request method when the request line was readable.</summary>
    public string? Method { get; internal init; }

    /// <summary>The header lines split out before the failure (possibly none).</summary>
    public IReadOnlyList<SipHeader> Headers { get; internal init; } = [];

    /// <summary>True when a response can be built (see <see cref="SipResponses.CreateFrom(SipParseError, int, string?, string?)"/>).</summary>
    public bool CanRespond =>
        IsRequest && Method != SipMethods.Ack
        && Has(SipHeaderNames.Via) && Has(SipHeaderNames.From) && Has(SipHeaderNames.To)
        && Has(SipHeaderNames.CallId) && Has(SipHeaderNames.CSeq);

    public override string ToString() => $"{StatusCode} {Reason}";

    private bool Has(string name)
    {
        foreach (var header in Headers)
        {
            if (header.Name == name)
            {
                return true;
            }
        }

        return false;
    }
}
