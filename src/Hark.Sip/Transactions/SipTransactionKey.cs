using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>
/// Identifies a transaction for matching (RFC 3261 §17.1.3 and §17.2.3). With an RFC 3261 branch the key is
/// branch, sent-by and method (ACK folded into INVITE); otherwise the RFC 2543 fallback uses Request-URI,
/// From tag, Call-ID, CSeq and the top Via (the To tag is left out so an ACK finds its INVITE).
/// </summary>
public readonly record struct SipTransactionKey(string Value)
{
    /// <summary>The key a server transaction is stored under, computed from a received request.</summary>
    public static SipTransactionKey ForServer(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var via = request.TopVia;
        var method = request.Method == SipMethods.Ack ? SipMethods.Invite : request.Method;
        if (via.HasRfc3261Branch)
        {
            var sentBy = $"{via.Host.ToLowerInvariant()}:{via.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty}";
            return new SipTransactionKey($"3261|{via.Branch}|{sentBy}|{method}");
        }

        return new SipTransactionKey(
            $"2543|{request.RequestUri}|{request.From.Tag}|{request.CallId}|{request.CSeq.Number}|{method}|{via}");
    }

    /// <summary>The key a client transaction is stored under, from the request it sends.</summary>
    public static SipTransactionKey ForClientRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SipTransactionKey($"client|{request.TopVia.Branch}|{request.Method}");
    }

    /// <summary>The key of the client transaction a received response belongs to (top Via branch and CSeq method).</summary>
    public static SipTransactionKey ForClientResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new SipTransactionKey($"client|{response.TopVia.Branch}|{response.CSeq.Method}");
    }
}
