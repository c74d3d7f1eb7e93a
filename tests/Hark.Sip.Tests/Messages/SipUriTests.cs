using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Messages;

public class SipUriTests
{
    [Fact]
    public void Parse_FullUri_ReadsEveryPart()
    {
        var uri = SipUri.Parse("sips:alice:secret@[2001:db8::10]:5061;transport=tcp;lr?subject=project%20x&priority=urgent");

        Assert.True(uri.IsSecure);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("[2001:db8::10]", uri.Host);
        Assert.True(uri.IsIPv6Reference);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tcp", uri.Transport);
        Assert.True(uri.IsLooseRouter);
        Assert.Equal([new SipParameter("subject", "project%20x"), new SipParameter("priority", "urgent")], uri.Headers);
    }

    [Theory]
    [InlineData("sip:alice@atlanta.com")]
    [InlineData("sip:+1-212-555-1212:1234@gateway.com;user=phone")]
    [InlineData("sip:192.0.2.4")]
    [InlineData("sips:1212@gateway.com")]
    [InlineData("sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com")]
    public void ToString_ValidUri_RoundTrips(string text)
    {
        var uri = SipUri.Parse(text);

        Assert.Equal(text, uri.ToString());
        Assert.Equal(uri, SipUri.Parse(uri.ToString()));
    }

    [Theory]
    [InlineData("tel:+1234")]
    [InlineData("sip:")]
    [InlineData("sip:@host")]
    [InlineData("sip:user@")]
    [InlineData("sip:user@host:99999")]
    [InlineData("sip:user@host:")]
    [InlineData("sip:us er@host")]
    [InlineData("sip:user@host;=x")]
    [InlineData("sip:user@host;p=")]
    [InlineData("sip:user@[::1")]
    [InlineData("sip:user@host?x")]
    [InlineData("sip:a%zzb@host")]
    [InlineData("sip:user@host>")]
    public void TryParse_MalformedUri_Fails(string text)
    {
        Assert.False(SipUri.TryParse(text, out _));
        Assert.Throws<SipParseException>(() => SipUri.Parse(text));
    }

    // The equivalent and non-equivalent pairs listed in RFC 3261 §19.1.4.
    [Theory]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
    public void Equals_Rfc3261EquivalentPairs_AreEqual(string a, string b)
    {
        Assert.Equal(SipUri.Parse(a), SipUri.Parse(b));
        Assert.Equal(SipUri.Parse(a).GetHashCode(), SipUri.Parse(b).GetHashCode());
    }

    [Theory]
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
    [InlineData("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off")]
    [InlineData("sip:alice@atlanta.com", "sips:alice@atlanta.com")]
    public void Equals_Rfc3261NonEquivalentPairs_AreNotEqual(string a, string b)
    {
        Assert.NotEqual(SipUri.Parse(a), SipUri.Parse(b));
    }
}
