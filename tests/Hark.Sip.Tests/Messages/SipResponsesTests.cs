using System.Text;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Messages;

public class SipResponsesTests
{
    [Fact]
    public void CreateFrom_Request_CopiesViasInOrderAndDialogHeaders()
    {
        var request = SipMessage.Parse(TortureVectors.Read("wsinv"), SipFraming.Datagram);

        var response = SipResponses.CreateFrom(request, 486, toTag: "ignored-because-to-has-a-tag");

        Assert.Equal(486, response.StatusCode);
        Assert.Equal("Busy Here", response.ReasonPhrase);
        Assert.Equal(request.Vias.Select(v => v.ToString()), response.Vias.Select(v => v.ToString()));
        Assert.Equal(request.From.Tag, response.From.Tag);
        Assert.Equal("1918181833n", response.To.Tag);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Empty(response.Contacts);
        Assert.True(response.Body.IsEmpty);
    }

    [Fact]
    public void CreateFrom_RequestWithoutToTag_AddsTheGivenTag()
    {
        var request = SipMessage.CreateRequest("INVITE", "sip:bob@biloxi.example.com", SipMessageWriterTests.Headers("INVITE"));

        var response = SipResponses.CreateFrom(request, 200, toTag: "a6c85cf");

        Assert.Equal("a6c85cf", response.To.Tag);
        Assert.Equal("Bob", response.To.DisplayName);
        Assert.Equal("sip:bob@biloxi.example.com", response.To.Uri);
    }

    [Fact]
    public void CreateFrom_100WithTimestamp_CopiesTimestamp()
    {
        var headers = SipMessageWriterTests.Headers("INVITE").Append(new SipHeader("Timestamp", "54"));
        var request = SipMessage.CreateRequest("INVITE", "sip:bob@biloxi.example.com", headers);

        Assert.Equal("54", SipResponses.CreateFrom(request, 100).GetHeader("Timestamp"));
        Assert.Null(SipResponses.CreateFrom(request, 180).GetHeader("Timestamp"));
    }

    [Fact]
    public void CreateFrom_Response_IsWrittenAndParsesBack()
    {
        var request = SipMessage.Parse(TortureVectors.Read("esc01"), SipFraming.Datagram);
        var response = SipResponses.CreateFrom(request, 200, "Fine", "t1", [new SipHeader("Contact", "<sip:hark@192.0.2.1>")], "v=0\r\n"u8.ToArray());

        var text = Encoding.UTF8.GetString(SipMessageWriter.ToArray(response));
        var again = SipMessage.Parse(Encoding.UTF8.GetBytes(text), SipFraming.Stream);

        Assert.StartsWith("SIP/2.0 200 Fine\r\n", text, StringComparison.Ordinal);
        Assert.Equal("t1", again.To.Tag);
        Assert.Equal("INVITE", again.Method);
        Assert.Equal("v=0\r\n"u8.ToArray(), again.Body.ToArray());
    }
}
