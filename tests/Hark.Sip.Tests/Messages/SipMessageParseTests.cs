using System.Text;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Messages;

public class SipMessageParseTests
{
    private static SipMessage Vector(string name) => SipMessage.Parse(TortureVectors.Read(name), SipFraming.Datagram);

    [Fact]
    public void Parse_ShortTortuousInvite_ReadsEveryFoldedAndCompactHeader()
    {
        var message = Vector("wsinv");

        Assert.True(message.IsRequest);
        Assert.Equal("INVITE", message.Method);
        Assert.Equal("vivekg", message.RequestSipUri!.User);
        Assert.Equal("1918181833n", message.To.Tag);
        Assert.Equal("J Rosenberg \\\"", message.From.DisplayName);
        Assert.Equal("98asjd8", message.From.Tag);
        Assert.Equal(68, message.MaxForwards);
        Assert.Equal(new SipCSeq(9, "INVITE"), message.CSeq);
        Assert.Equal(["UDP", "TCP", "UDP"], message.Vias.Select(v => v.Transport));
        Assert.Equal(["192.0.2.2", "spindle.example.com", "192.168.255.111"], message.Vias.Select(v => v.Host));
        Assert.Equal(["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"], message.Vias.Select(v => v.Branch));
        Assert.False(message.TopVia.HasRfc3261Branch);
        var contact = Assert.Single(message.Contacts);
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", SipParameterValue(contact, "newparam"));
        Assert.Equal("0.33", SipParameterValue(contact, "q"));
        Assert.Equal(string.Empty, message.GetHeader("Subject"));
        Assert.Equal("newfangled value continued newfangled value", message.GetHeader("newfangledheader"));
        Assert.Equal(";;,,;;,;", message.GetHeader("UnknownHeaderWithUnusualValue"));
        Assert.True(Assert.Single(message.Routes).SipUri!.IsLooseRouter);
        Assert.Equal("application/sdp", message.ContentType);
        Assert.Equal(150, message.Body.Length);
    }

    [Fact]
    public void Parse_WideRangeOfValidCharacters_KeepsTokensUriAndBinaryValues()
    {
        var message = Vector("intmeth");

        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", message.Method);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", message.RequestSipUri!.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", message.RequestSipUri.Password);
        Assert.Equal("BEL:\a NUL:\0 DEL:\u007f", message.To.DisplayName);
        Assert.Equal("token1~` token2'+_ token3*%!.-", message.From.DisplayName);
        Assert.Equal("работающий", SipParameterValue(message.From, "fromParam''~+*_!.-%"));
        Assert.Equal("_token~1'+`*%!-.", message.From.Tag);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", message.CallId);
        Assert.Equal("z9hG4bK-.!%66*_+`'~", message.TopVia.Branch);
        Assert.Equal("\uFEFF大停電", message.GetHeader("extensionHeader-!.%*+_`'~"));
        Assert.Equal(255, message.MaxForwards);
    }

    [Fact]
    public void Parse_EscapedUris_KeepEscapesButCompareUnescaped()
    {
        var message = Vector("esc01");

        Assert.Equal("sips%3Auser%40example.com", message.RequestSipUri!.User);
        Assert.Equal(SipUri.Parse("sip:user@example.com"), message.To.SipUri);
        Assert.Equal("v%61lue%25%34%31", message.Contacts[0].SipUri!.Parameters.Single(p => p.Name == "n%61me").Value);
        Assert.Equal("esc01.239409asdfakjkn23onasd0-3234", message.CallId);
    }

    [Fact]
    public void Parse_EscapedNulls_RegistersTwoDistinctContacts()
    {
        var message = Vector("escnull");

        Assert.Equal(["%00", "%00%00"], message.Contacts.Select(c => c.SipUri!.User));
        Assert.NotEqual(message.Contacts[0].SipUri, message.Contacts[1].SipUri);
    }

    [Fact]
    public void Parse_PercentOutsideEscapes_IsNotAnEscape()
    {
        var message = Vector("esc02");

        Assert.Equal("RE%47IST%45R", message.Method);
        Assert.Equal("%Z%45", message.To.DisplayName);
        Assert.Equal(2, message.Contacts.Count);
        Assert.Equal("<sip:alias2@host2.example.com>", message.GetHeader("C%6Fntact"));
    }

    [Fact]
    public void Parse_LongValues_ReadsAllThirtyFourVias()
    {
        var message = Vector("longreq");

        Assert.Equal(34, message.Vias.Count);
        Assert.Equal("sip33.example.com", message.TopVia.Host);
        Assert.Equal("192.0.2.5", message.Vias[^1].Received);
        Assert.Equal(6000, message.To.SipUri!.Port);
        Assert.Equal("12" + string.Concat(Enumerable.Repeat("982", 50)) + "424", message.From.Tag);
    }

    [Fact]
    public void Parse_DatagramWithTrailingOctets_IgnoresThemAfterContentLength()
    {
        var data = TortureVectors.Read("dblreq");

        var message = SipMessage.Parse(data, SipFraming.Datagram);

        Assert.Equal("REGISTER", message.Method);
        Assert.True(message.Body.IsEmpty);
        Assert.True(message.WireLength < data.Length);
    }

    [Fact]
    public void Parse_DatagramWithoutContentLength_TakesTheRestAsBody()
    {
        var message = Vector("inv2543");

        Assert.EndsWith("m=audio 49217 RTP/AVP 0\r\n", Encoding.ASCII.GetString(message.Body.Span), StringComparison.Ordinal);
        Assert.Null(message.TopVia.Branch);
        Assert.Null(message.MaxForwards);
        Assert.Equal("ss1.example.com", message.RecordRoutes[0].SipUri!.Maddr);
    }

    [Fact]
    public void Parse_SemicolonInUserPart_BelongsToTheUser()
    {
        Assert.Equal("user;par=u%40example.net", Vector("semiuri").RequestSipUri!.User);
    }

    [Fact]
    public void Parse_ViaTransports_KeepsUnknownTransports()
    {
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], Vector("transports").Vias.Select(v => v.Transport));
    }

    [Fact]
    public void Parse_MultipartBinaryBody_FramesByContentLength()
    {
        var message = Vector("mpart01");

        Assert.Equal(553, message.Body.Length);
        Assert.Contains((byte)0, message.Body.ToArray());
        Assert.True(message.TopVia.HasRport);
        Assert.Null(message.TopVia.Rport);
        Assert.Equal(5070, message.TopVia.Port);
    }

    [Fact]
    public void Parse_Utf8ReasonPhrase_IsDecoded()
    {
        var message = Vector("unreason");

        Assert.Equal(200, message.StatusCode);
        Assert.StartsWith("= 2**3 * 5**2 но сто", message.ReasonPhrase, StringComparison.Ordinal);
        Assert.Equal("INVITE", message.Method);
    }

    [Fact]
    public void Parse_EmptyReasonPhrase_IsAccepted()
    {
        var message = Vector("noreason");

        Assert.Equal(100, message.StatusCode);
        Assert.Equal(string.Empty, message.ReasonPhrase);
    }

    [Fact]
    public void Parse_BranchOfOnlyTheMagicCookie_IsNotAnRfc3261Branch()
    {
        var via = Vector("badbranch").TopVia;

        Assert.Equal("z9hG4bK", via.Branch);
        Assert.False(via.HasRfc3261Branch);
    }

    [Fact]
    public void Parse_NonSipUris_AreKeptAsText()
    {
        var message = Vector("unksm2");

        Assert.Equal("isbn:2983792873", message.To.Uri);
        Assert.Null(message.To.SipUri);
        Assert.Equal("http://www.example.com", message.From.Uri);
        Assert.Equal("name:John_Smith", message.Contacts[0].Uri);
        Assert.Null(Vector("unkscm").RequestSipUri);
    }

    [Fact]
    public void Parse_ContactInAddrSpecForm_TreatsParametersAsHeaderParameters()
    {
        var contact = Vector("cparam01").Contacts[0];

        Assert.Empty(contact.SipUri!.Parameters);
        Assert.Single(contact.Parameters, p => p.Name == "unknownparam");
        Assert.Single(Vector("cparam02").Contacts[0].SipUri!.Parameters, p => p.Name == "unknownparam");
    }

    [Fact]
    public void Parse_RequireAndAllowLists_AreSplit()
    {
        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], Vector("bext01").Require);

        var message = Parse("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n"
            + "Allow: INVITE, ACK,BYE\r\nk: timer, 100rel\r\nExpires: 3600\r\nContact: *\r\nContent-Length: 0\r\n\r\n");
        Assert.Equal(["INVITE", "ACK", "BYE"], message.Allow);
        Assert.Equal(["timer", "100rel"], message.Supported);
        Assert.Equal(3600u, message.Expires);
        Assert.True(message.IsContactWildcard);
    }

    [Fact]
    public void Parse_RportWithValueAndReceived_AreRead()
    {
        var message = Parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP [2001:db8::1]:5062;rport=40000;received=192.0.2.7;branch=z9hG4bKx;maddr=224.0.0.1\r\n"
            + "From: <sip:x@y>;tag=1\r\nTo: <sip:a@b>;tag=2\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal("[2001:db8::1]", message.TopVia.Host);
        Assert.Equal(5062, message.TopVia.Port);
        Assert.Equal(40000, message.TopVia.Rport);
        Assert.Equal("192.0.2.7", message.TopVia.Received);
        Assert.Equal("224.0.0.1", message.TopVia.Maddr);
        Assert.True(message.TopVia.HasRfc3261Branch);
    }

    [Fact]
    public void Parse_StreamWithoutContentLength_IsRejected()
    {
        var ok = SipMessage.TryParse(TortureVectors.Read("inv2543"), SipFraming.Stream, out _, out var error);

        Assert.False(ok);
        Assert.Contains("Content-Length", error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyHeaders_IsRejectedWith513()
    {
        var limits = new SipParserLimits { MaxHeaderCount = 5 };

        var ok = SipMessage.TryParse(TortureVectors.Read("wsinv"), SipFraming.Datagram, out _, out var error, limits);

        Assert.False(ok);
        Assert.Equal(513, error!.StatusCode);
    }

    [Fact]
    public void Parse_Garbage_ThrowsOnlyTheParseException()
    {
        Assert.Throws<SipParseException>(() => SipMessage.Parse("hello"u8, SipFraming.Datagram));
        Assert.Throws<SipParseException>(() => SipMessage.Parse(ReadOnlySpan<byte>.Empty, SipFraming.Stream));
    }

    private static SipMessage Parse(string text) => SipMessage.Parse(Encoding.UTF8.GetBytes(text), SipFraming.Datagram);

    private static string? SipParameterValue(SipNameAddress address, string name) =>
        address.Parameters.Single(p => p.Name == name).Value;
}
