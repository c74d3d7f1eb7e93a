using System.Text;
using Hark.Sip.Dialogs;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Dialogs;

/// <summary>Wire text for dialog tests: a caller (Alice) reaching Hark through a Kamailio-style record-routing proxy.</summary>
internal static class DialogText
{
    public const string CallerTag = "alice-tag";
    public const string CallId = "a84b4c76e66710@pc33.example.com";

    public static readonly string Offer =
        "v=0\r\no=alice 1 1 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 101\r\na=sendrecv\r\n";

    public static SipSessionSettings Settings { get; } = new()
    {
        Contact = SipUri.Parse("sip:hark@192.0.2.10:5060"),
        ViaHost = "192.0.2.10",
        ViaPort = 5060,
    };

    public static byte[] Sdp(string direction) => Encoding.UTF8.GetBytes(Offer.Replace("a=sendrecv", "a=" + direction, StringComparison.Ordinal));

    /// <summary>The initial INVITE as Hark receives it: two Vias and one Record-Route added by the proxy.</summary>
    public static SipMessage Invite(string recordRoutes = "Record-Route: <sip:192.0.2.1;lr;ftag=alice-tag>\r\n") => Parse(
        "INVITE sip:100@192.0.2.10:5060 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-proxy-1\r\n"
        + "Via: SIP/2.0/UDP 198.51.100.7:5060;received=198.51.100.7;rport=5060;branch=z9hG4bK-alice-1\r\n"
        + recordRoutes
        + "Max-Forwards: 69\r\n"
        + $"From: \"Alice\" <sip:alice@example.com>;tag={CallerTag}\r\n"
        + "To: <sip:100@192.0.2.10>\r\n"
        + $"Call-ID: {CallId}\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:alice@198.51.100.7:5060>\r\n"
        + "Content-Type: application/sdp\r\n"
        + $"Content-Length: {Encoding.UTF8.GetByteCount(Offer)}\r\n\r\n"
        + Offer);

    /// <summary>A request from the caller inside the dialog Hark's tag <paramref name="harkTag"/> identifies.</summary>
    public static SipMessage InDialog(string method, uint cseq, string harkTag, string? contentType = null, string body = "", string contact = "sip:alice@198.51.100.7:5060", string callerTag = CallerTag) => Parse(
        $"{method} sip:hark@192.0.2.10:5060 SIP/2.0\r\n"
        + $"Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-proxy-{method}-{cseq}\r\n"
        + $"Via: SIP/2.0/UDP 198.51.100.7:5060;rport;branch=z9hG4bK-alice-{method}-{cseq}\r\n"
        + "Max-Forwards: 69\r\n"
        + $"From: \"Alice\" <sip:alice@example.com>;tag={callerTag}\r\n"
        + $"To: <sip:100@192.0.2.10>;tag={harkTag}\r\n"
        + $"Call-ID: {CallId}\r\n"
        + $"CSeq: {cseq} {method}\r\n"
        + $"Contact: <{contact}>\r\n"
        + (contentType is null ? string.Empty : $"Content-Type: {contentType}\r\n")
        + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n"
        + body);

    /// <summary>The CANCEL for <see cref="Invite"/> as the proxy forwards it.</summary>
    public static SipMessage Cancel() => Parse(
        "CANCEL sip:100@192.0.2.10:5060 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-proxy-1\r\n"
        + "Max-Forwards: 69\r\n"
        + $"From: \"Alice\" <sip:alice@example.com>;tag={CallerTag}\r\n"
        + "To: <sip:100@192.0.2.10>\r\n"
        + $"Call-ID: {CallId}\r\n"
        + "CSeq: 1 CANCEL\r\n"
        + "Content-Length: 0\r\n\r\n");

    /// <summary>A peer's response to a request Hark sent, with the peer's tag and extra header lines.</summary>
    public static SipMessage ResponseTo(SipMessage request, int status, string toTag = "bob-tag", string extra = "", string body = "")
    {
        var builder = new StringBuilder($"SIP/2.0 {status} {SipStatusCodes.GetReasonPhrase(status)}\r\n");
        foreach (var via in request.GetHeaders(SipHeaderNames.Via))
        {
            builder.Append("Via: ").Append(via).Append("\r\n");
        }

        var to = request.GetHeader(SipHeaderNames.To)!;
        if (status > 100 && request.To.Tag is null)
        {
            to += ";tag=" + toTag;
        }

        builder.Append("From: ").Append(request.GetHeader(SipHeaderNames.From)).Append("\r\n")
            .Append("To: ").Append(to).Append("\r\n")
            .Append("Call-ID: ").Append(request.CallId).Append("\r\n")
            .Append("CSeq: ").Append(request.CSeq).Append("\r\n")
            .Append(extra)
            .Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n\r\n")
            .Append(body);
        return Parse(builder.ToString());
    }

    public static SipMessage Parse(string text) => SipMessage.Parse(Encoding.UTF8.GetBytes(text), SipFraming.Datagram);

    /// <summary>The message as the owner would put it on the wire.</summary>
    public static string Wire(SipMessage message) => Encoding.UTF8.GetString(SipMessageWriter.ToArray(message));

    /// <summary>The message after a trip through the writer and the parser, as the peer would see it.</summary>
    public static SipMessage Reparse(SipMessage message) => SipMessage.Parse(SipMessageWriter.ToArray(message), SipFraming.Stream);
}
