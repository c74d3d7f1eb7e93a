using System.Buffers;
using System.Text;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Messages;

public class SipMessageWriterTests
{
    public static TheoryData<string> ParsableVectors => new(TortureVectors.Parsable);

    [Theory]
    [MemberData(nameof(ParsableVectors))]
    public void Write_ParsedTortureMessage_ParsesBackToTheSameMessage(string name)
    {
        var original = SipMessage.Parse(TortureVectors.Read(name), SipFraming.Datagram);

        var wire = SipMessageWriter.ToArray(original);
        var again = SipMessage.Parse(wire, SipFraming.Stream);

        Assert.Equal(wire.Length, again.WireLength);
        Assert.Equal(original.IsRequest, again.IsRequest);
        Assert.Equal(original.Method, again.Method);
        Assert.Equal(original.RequestUri, again.RequestUri);
        Assert.Equal(original.StatusCode, again.StatusCode);
        Assert.Equal(original.ReasonPhrase, again.ReasonPhrase);
        Assert.Equal(original.Headers, again.Headers);
        Assert.Equal(original.Body.ToArray(), again.Body.ToArray());
        Assert.Equal(original.Vias.Select(v => v.ToString()), again.Vias.Select(v => v.ToString()));
        Assert.Equal(original.CSeq, again.CSeq);
        Assert.Equal(original.To.Tag, again.To.Tag);
    }

    [Fact]
    public void Write_BuiltRequest_AlwaysWritesContentLengthLast()
    {
        var request = SipMessage.CreateRequest("INVITE", "sip:bob@biloxi.example.com", Headers("INVITE"), "v=0\r\n"u8.ToArray());

        var text = Encoding.UTF8.GetString(SipMessageWriter.ToArray(request));

        Assert.StartsWith("INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Content-Length: 5\r\n\r\nv=0\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ContentLengthGivenByCaller_IsReplacedByTheBodyLength()
    {
        var headers = Headers("OPTIONS").Append(new SipHeader("l", "999"));

        var text = Encoding.UTF8.GetString(SipMessageWriter.ToArray(SipMessage.CreateRequest("OPTIONS", "sip:b@c", headers)));

        Assert.Single(text.Split("\r\n"), line => line.StartsWith("Content-Length", StringComparison.Ordinal));
        Assert.Contains("Content-Length: 0\r\n\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TryWrite_DestinationTooSmall_ReturnsFalse()
    {
        var request = SipMessage.CreateRequest("OPTIONS", "sip:b@c", Headers("OPTIONS"));
        var exact = SipMessageWriter.GetByteCount(request);

        Assert.False(SipMessageWriter.TryWrite(request, new byte[exact - 1], out _));
        Assert.True(SipMessageWriter.TryWrite(request, new byte[exact + 10], out var written));
        Assert.Equal(exact, written);
    }

    [Fact]
    public void Write_IntoBufferWriter_AdvancesByTheMessageLength()
    {
        var request = SipMessage.CreateRequest("OPTIONS", "sip:b@c", Headers("OPTIONS"));
        var buffer = new ArrayBufferWriter<byte>();

        var written = SipMessageWriter.Write(request, buffer);

        Assert.Equal(buffer.WrittenCount, written);
        Assert.Equal(request.CallId, SipMessage.Parse(buffer.WrittenSpan, SipFraming.Stream).CallId);
    }

    [Fact]
    public void CreateRequest_MissingCSeq_Throws()
    {
        var headers = Headers("OPTIONS").Where(h => h.Name != "CSeq");

        Assert.Throws<SipParseException>(() => SipMessage.CreateRequest("OPTIONS", "sip:b@c", headers));
    }

    [Fact]
    public void CreateRequest_HeaderValueWithLineBreak_Throws()
    {
        var headers = Headers("OPTIONS").Append(new SipHeader("Subject", "a\r\nInjected: 1"));

        Assert.Throws<SipParseException>(() => SipMessage.CreateRequest("OPTIONS", "sip:b@c", headers));
    }

    internal static IEnumerable<SipHeader> Headers(string method) =>
    [
        new("Via", "SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds"),
        new("Max-Forwards", "70"),
        new("To", "Bob <sip:bob@biloxi.example.com>"),
        new("From", "Alice <sip:alice@atlanta.example.com>;tag=1928301774"),
        new("Call-ID", "a84b4c76e66710@pc33.example.com"),
        new("CSeq", $"314159 {method}"),
        new("Contact", "<sip:alice@pc33.example.com>"),
    ];
}
