using System.Text;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Transport;

/// <summary>Request text for transport tests: a request from <paramref name="via"/>'s sent-by to Hark.</summary>
internal static class SipWire
{
    public static string Request(string method, string via, string callId = "call-1@test", uint cseq = 1, string cseqMethod = "", string extra = "") =>
        $"{method} sip:hark@127.0.0.1 SIP/2.0\r\n"
        + $"Via: {via}\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@test.invalid>;tag=a1\r\n"
        + "To: <sip:hark@127.0.0.1>\r\n"
        + $"Call-ID: {callId}\r\n"
        + $"CSeq: {cseq} {(cseqMethod.Length > 0 ? cseqMethod : method)}\r\n"
        + extra
        + "Content-Length: 0\r\n\r\n";

    public static SipMessage Parse(ReadOnlySpan<byte> bytes) => SipMessage.Parse(bytes, SipFraming.Datagram);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
