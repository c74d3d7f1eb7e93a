using System.Text;
using Hark.Sip.Messages;
using Hark.Sip.Transactions;

namespace Hark.Sip.Tests.Transactions;

/// <summary>Messages for transaction tests, parsed from wire text so the tests feed bytes in.</summary>
internal static class SipText
{
    public const string Branch = "z9hG4bK74bf9";

    public static SipMessage Request(string method, string cseqMethod = "", string branch = Branch, string toTag = "") => Parse(
        $"{method} sip:bob@biloxi.example.com SIP/2.0\r\n"
        + $"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch={branch}\r\n"
        + "Max-Forwards: 70\r\n"
        + $"To: Bob <sip:bob@biloxi.example.com>{(toTag.Length > 0 ? ";tag=" + toTag : string.Empty)}\r\n"
        + "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
        + "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
        + $"CSeq: 2 {(cseqMethod.Length > 0 ? cseqMethod : method)}\r\n"
        + "Route: <sip:proxy.example.com;lr>\r\n"
        + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
        + "Content-Length: 0\r\n\r\n");

    public static SipMessage Response(SipMessage request, int status, string toTag = "314159") =>
        Parse(Encoding.UTF8.GetString(SipMessageWriter.ToArray(SipResponses.CreateFrom(request, status, toTag: status > 100 ? toTag : null))));

    public static SipMessage Parse(string text) => SipMessage.Parse(Encoding.UTF8.GetBytes(text), SipFraming.Datagram);

    public static SipMessage Sent(SipTransactionAction action) => SipMessage.Parse(action.Bytes.Span, SipFraming.Stream);
}
