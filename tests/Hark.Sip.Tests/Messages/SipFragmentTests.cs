using System.Text;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Messages;

public class SipFragmentTests
{
    [Theory]
    [InlineData("SIP/2.0 100 Trying\r\n", 100, "Trying")]
    [InlineData("SIP/2.0 180 Ringing\r\n", 180, "Ringing")]
    [InlineData("SIP/2.0 200 OK", 200, "OK")]
    [InlineData("SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n\r\n", 486, "Busy Here")]
    [InlineData("SIP/2.0 603 Decline\n", 603, "Decline")]
    [InlineData("SIP/2.0 503\r\n", 503, "")]
    public void TryReadStatus_StatusLine_ReadsCodeAndReason(string body, int code, string reason)
    {
        Assert.True(SipFragment.TryReadStatus(Encoding.UTF8.GetBytes(body), out var status, out var phrase));
        Assert.Equal(code, status);
        Assert.Equal(reason, phrase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("INVITE sip:bob@example.com SIP/2.0\r\n")]
    [InlineData("SIP/2.0 2000 OK\r\n")]
    [InlineData("SIP/2.0 099 Low\r\n")]
    [InlineData("SIP/2.0 700 High\r\n")]
    [InlineData("SIP/2.0 2x0 OK\r\n")]
    [InlineData("SIP/3.0 200 OK\r\n")]
    [InlineData("sip/2.0 200 OK\r\n")]
    public void TryReadStatus_NotAStatusLine_ReadsNothing(string body)
    {
        Assert.False(SipFragment.TryReadStatus(Encoding.UTF8.GetBytes(body), out var status, out _));
        Assert.Equal(0, status);
    }

    [Fact]
    public void Status_Written_ReadsBack()
    {
        var body = SipFragment.Status(180, "Ringing");

        Assert.Equal("SIP/2.0 180 Ringing\r\n", Encoding.UTF8.GetString(body));
        Assert.True(SipFragment.TryReadStatus(body, out var status, out var reason));
        Assert.Equal((180, "Ringing"), (status, reason));
    }
}
