namespace Hark.Sdp.Tests;

public class OfferAnswerCreateOfferTests
{
    private static readonly LocalAudioCapabilities Hark = OfferAnswerAnswerTests.Hark;

    [Fact]
    public void CreateOffer_Defaults_PcmuPcmaTelephoneEvent101Ptime20()
    {
        var offer = OfferAnswer.CreateOffer(Hark);

        Assert.Equal(
            "v=0\r\no=hark 777 1 IN IP4 192.0.2.10\r\ns=Hark\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
            + "m=audio 20000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n",
            offer.ToString());
    }

    [Fact]
    public void CreateOffer_IPv6PcmaOnlyWithoutEvents_ReflectsCapabilities()
    {
        var offer = OfferAnswer.CreateOffer(new LocalAudioCapabilities("::1", 20010, 3)
        {
            Codecs = [AudioCodec.Pcma],
            TelephoneEvents = false,
            DefaultPacketTime = 30,
        });

        Assert.Equal(new SdpConnection("IN", "IP6", "::1"), offer.Connection);
        Assert.Equal(["8"], offer.Media[0].Formats);
        Assert.Equal(30, offer.Media[0].PacketTime);
    }

    [Fact]
    public void CreateOffer_SameAgain_KeepsVersion()
    {
        var first = OfferAnswer.CreateOffer(Hark);

        var again = OfferAnswer.CreateOffer(Hark with { SessionId = 5 }, first);

        Assert.Equal(first.ToString(), again.ToString());
    }

    [Fact]
    public void CreateOffer_HoldReOffer_SendonlyAndVersionUp()
    {
        var first = OfferAnswer.CreateOffer(Hark);

        var hold = OfferAnswer.CreateOffer(Hark with { Direction = MediaDirection.SendOnly }, first);

        Assert.Equal(MediaDirection.SendOnly, hold.Media[0].Direction);
        Assert.Equal(("777", "2"), (hold.Origin.SessionId, hold.Origin.SessionVersion));
    }
}
