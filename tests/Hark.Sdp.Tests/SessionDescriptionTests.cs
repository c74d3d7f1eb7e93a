using System.Text;

namespace Hark.Sdp.Tests;

public class SessionDescriptionTests
{
    [Fact]
    public void TryParse_SippOffer_ReadsEveryLine()
    {
        Assert.True(SessionDescription.TryParse(SampleOffers.Crlf(SampleOffers.Sipp), out var sdp, out _));

        Assert.Equal(0, sdp.Version);
        Assert.Equal(new SdpOrigin("user1", "53655765", "2353687637", "IN", "IP4", "127.0.0.1"), sdp.Origin);
        Assert.Equal("-", sdp.SessionName);
        Assert.Equal(new SdpConnection("IN", "IP4", "127.0.0.1"), sdp.Connection);
        Assert.Equal([new SdpTiming(0, 0)], sdp.Timings);
        var media = Assert.Single(sdp.Media);
        Assert.Equal(("audio", 6000, "RTP/AVP"), (media.Media, media.Port, media.Protocol));
        Assert.Equal(["0"], media.Formats);
        Assert.Equal([new RtpMap(0, "PCMU", 8000)], media.RtpMaps);
    }

    [Theory]
    [MemberData(nameof(SampleOffers.Names), MemberType = typeof(SampleOffers))]
    public void ToString_RealWorldOffer_WritesTheSameText(string name)
    {
        var wire = SampleOffers.Crlf(SampleOffers.ByName(name));

        Assert.Equal(wire, SessionDescription.Parse(wire).ToString());
    }

    [Fact]
    public void TryParse_LfEndingsAndTrailingWhitespace_SameAsCrlf()
    {
        var sloppy = SampleOffers.Baresip.Replace("\n", " \t\n", StringComparison.Ordinal);

        var parsed = SessionDescription.Parse(sloppy);

        Assert.Equal(SampleOffers.Crlf(SampleOffers.Baresip), parsed.ToString());
    }

    [Fact]
    public void TryParse_Utf8Bytes_SameAsText()
    {
        var text = SampleOffers.Crlf(SampleOffers.Linphone);

        Assert.True(SessionDescription.TryParse(Encoding.UTF8.GetBytes(text), out var sdp, out _));

        Assert.Equal(text, sdp.ToString());
    }

    [Fact]
    public void TryParse_UnknownLinesAndAttributes_KeptInOrderAndWrittenBack()
    {
        const string text = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=x\r\ni=info\r\nu=http://example.com\r\ne=a@example.com\r\n"
            + "c=IN IP4 10.0.0.1\r\nb=CT:128\r\nt=0 0\r\nr=7d 1h 0 25h\r\nz=2882844526 -1h\r\nk=prompt\r\nx=vendor\r\n"
            + "a=zeta:1\r\na=alpha\r\nm=audio 5004 RTP/AVP 0\r\ni=voice\r\nb=AS:64\r\nk=clear:x\r\ny=other\r\n"
            + "a=x-custom:a b:c\r\na=empty:\r\n";

        var sdp = SessionDescription.Parse(text);

        Assert.Equal(text, sdp.ToString());
        Assert.Equal([new SdpAttribute("zeta", "1"), new SdpAttribute("alpha")], sdp.Attributes);
        Assert.Equal(["7d 1h 0 25h"], sdp.Timings[0].Repeats);
        Assert.Equal([new SdpLine('i', "voice"), new SdpLine('k', "clear:x"), new SdpLine('y', "other")], sdp.Media[0].OtherLines);
        Assert.Equal(new SdpAttribute("x-custom", "a b:c"), sdp.Media[0].Attributes[0]);
        Assert.Equal(new SdpAttribute("empty", string.Empty), sdp.Media[0].Attributes[1]);
    }

    [Fact]
    public void TryParse_BlankAndStrayLines_Ignored()
    {
        var text = "\r\nv=0\r\n\r\ngarbage\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n\r\n";

        Assert.True(SessionDescription.TryParse(text, out var sdp, out _));
        Assert.Empty(sdp.OtherLines);
    }

    [Theory]
    [InlineData("o=- 1 1 IN IP4 10.0.0.1\ns=-\nt=0 0\n", "missing v= line")]
    [InlineData("v=0\ns=-\nt=0 0\n", "missing o= line")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\nt=0 0\n", "missing s= line")]
    [InlineData("", "missing v= line")]
    public void TryParse_MissingMandatoryLine_NamesIt(string text, string message)
    {
        Assert.False(SessionDescription.TryParse(text, out _, out var error));

        Assert.Equal(new SdpParseError(0, message), error);
    }

    [Theory]
    [InlineData("m=audio 70000 RTP/AVP 0", "m line has a bad port '70000'")]
    [InlineData("m=audio abc RTP/AVP 0", "m line has a bad port 'abc'")]
    [InlineData("m=audio -5 RTP/AVP 0", "m line has a bad port '-5'")]
    [InlineData("m=audio +5 RTP/AVP 0", "m line has a bad port '+5'")]
    [InlineData("m=audio 5004/0 RTP/AVP 0", "m line has a bad port count '5004/0'")]
    [InlineData("m=audio 5004", "m line needs media, port and protocol")]
    public void TryParse_BadMediaLine_ErrorOnItsLine(string mediaLine, string message)
    {
        var text = $"v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n{mediaLine}\r\n";

        Assert.False(SessionDescription.TryParse(text, out _, out var error));

        Assert.Equal(new SdpParseError(5, message), error);
    }

    [Theory]
    [InlineData("v=1", 1, "unsupported SDP version '1' (only 0 exists)")]
    [InlineData("o=- 1 1 IN IP4", 2, "o line needs 6 fields, found 5")]
    [InlineData("c=IN IP4", 2, "c line needs 3 fields, found 2")]
    [InlineData("c=IN IP4 224.2.1.1/x", 2, "c line has a bad address '224.2.1.1/x'")]
    [InlineData("t=now later", 2, "t line needs two numeric times, found 'now later'")]
    public void TryParse_MalformedLine_ErrorOnItsLine(string line, int lineNumber, string message)
    {
        var text = line.StartsWith("v=", StringComparison.Ordinal)
            ? $"{line}\no=- 1 1 IN IP4 10.0.0.1\ns=-\n"
            : $"v=0\n{line}\no=- 1 1 IN IP4 10.0.0.1\ns=-\n";

        Assert.False(SessionDescription.TryParse(text, out _, out var error));

        Assert.Equal(new SdpParseError(lineNumber, message), error);
    }

    [Fact]
    public void Parse_Invalid_ThrowsSdpParseExceptionWithTheError()
    {
        var exception = Assert.Throws<SdpParseException>(() => SessionDescription.Parse("v=0\n"));

        Assert.Equal(new SdpParseError(0, "missing o= line"), exception.Error);
        Assert.Equal("SDP: missing o= line", exception.Message);
    }

    [Fact]
    public void TryParse_MulticastWithTtlAndCount_Tolerated()
    {
        var text = "v=0\r\no=- 1 1 IN IP4 224.2.17.12\r\ns=-\r\nc=IN IP4 224.2.1.1/127/3\r\nt=0 0\r\n"
            + "m=audio 49170/2 RTP/AVP 0\r\nc=IN IP6 ff15::101/3\r\n";

        var sdp = SessionDescription.Parse(text);

        Assert.Equal(new SdpConnection("IN", "IP4", "224.2.1.1") { Ttl = 127, AddressCount = 3 }, sdp.Connection);
        Assert.Equal(new SdpConnection("IN", "IP6", "ff15::101") { AddressCount = 3 }, sdp.Media[0].Connection);
        Assert.Equal(2, sdp.Media[0].PortCount);
        Assert.Equal(text, sdp.ToString());
    }

    [Fact]
    public void ConnectionOf_MediaLevelLine_WinsOverSessionLevel()
    {
        var text = "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\n"
            + "m=audio 5004 RTP/AVP 0\nc=IN IP6 2001:db8::7\nm=audio 5006 RTP/AVP 0\n";

        var sdp = SessionDescription.Parse(text);

        Assert.Equal("2001:db8::7", sdp.ConnectionOf(sdp.Media[0])?.Address);
        Assert.Equal("IP6", sdp.ConnectionOf(sdp.Media[0])?.AddressType);
        Assert.Equal("10.0.0.1", sdp.ConnectionOf(sdp.Media[1])?.Address);
    }

    [Theory]
    [InlineData("", "", MediaDirection.SendRecv)]
    [InlineData("a=sendonly\n", "", MediaDirection.SendOnly)]
    [InlineData("a=inactive\n", "a=recvonly\n", MediaDirection.RecvOnly)]
    [InlineData("", "a=inactive\n", MediaDirection.Inactive)]
    [InlineData("a=recvonly\n", "a=sendrecv\n", MediaDirection.SendRecv)]
    public void DirectionOf_SessionAndMediaAttributes_MediaWins(string session, string media, MediaDirection expected)
    {
        var sdp = SessionDescription.Parse($"v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nt=0 0\n{session}m=audio 5004 RTP/AVP 0\n{media}");

        Assert.Equal(expected, sdp.DirectionOf(sdp.Media[0]));
    }

    [Theory]
    [InlineData("RTP/AVP")]
    [InlineData("RTP/SAVP")]
    [InlineData("RTP/AVPF")]
    [InlineData("UDP/TLS/RTP/SAVPF")]
    [InlineData("TCP/MSRP")]
    public void TryParse_AnyProtocol_KeptAsText(string protocol)
    {
        var sdp = SessionDescription.Parse($"v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nt=0 0\nm=audio 5004 {protocol} 0 8\n");

        Assert.Equal(protocol, sdp.Media[0].Protocol);
        Assert.EndsWith($"m=audio 5004 {protocol} 0 8\r\n", sdp.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NoTiming_WritesUnboundedTime()
    {
        var sdp = SessionDescription.Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\n");

        Assert.Equal("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n", sdp.ToString());
    }

    [Fact]
    public void ToUtf8Bytes_NonAsciiSessionName_EncodedAsUtf8()
    {
        var sdp = SessionDescription.Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=Grüße\nt=0 0\n");

        Assert.Equal("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=Grüße\r\nt=0 0\r\n", Encoding.UTF8.GetString(sdp.ToUtf8Bytes()));
    }
}
