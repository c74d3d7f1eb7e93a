namespace Hark.Sdp.Tests;

public class MediaDescriptionTests
{
    private static MediaDescription Audio(params string[] attributes) =>
        SessionDescription.Parse($"v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nt=0 0\nm=audio 7078 RTP/AVP 0 96 101\n{string.Join('\n', attributes)}\n").Media[0];

    [Fact]
    public void RtpMaps_LinphoneOffer_ReadsNameClockAndChannels()
    {
        var media = SampleOffers.Parse(SampleOffers.Linphone).Media[0];

        Assert.Equal(new RtpMap(96, "opus", 48000, 2), media.FindRtpMap(96));
        Assert.Equal(new RtpMap(100, "telephone-event", 8000), media.FindRtpMap(100));
        Assert.Null(media.FindRtpMap(0));
        Assert.Equal(6, media.RtpMaps.Count());
    }

    [Theory]
    [InlineData("a=rtpmap:96")]
    [InlineData("a=rtpmap:96 opus")]
    [InlineData("a=rtpmap:96 opus/fast")]
    [InlineData("a=rtpmap:96 opus/0")]
    [InlineData("a=rtpmap:128 opus/48000")]
    [InlineData("a=rtpmap:x opus/48000")]
    [InlineData("a=rtpmap:96 opus/48000/2/1")]
    [InlineData("a=rtpmap:96 /48000")]
    public void RtpMaps_MalformedAttribute_Skipped(string attribute)
    {
        var media = Audio(attribute, "a=rtpmap:0 PCMU/8000");

        Assert.Equal([new RtpMap(0, "PCMU", 8000)], media.RtpMaps);
    }

    [Fact]
    public void FindFormatParameters_TelephoneEvent_ReturnsTheRange()
    {
        var media = Audio("a=fmtp:101 0-16", "a=fmtp:96 useinbandfec=1; stereo=0");

        Assert.Equal("0-16", media.FindFormatParameters("101"));
        Assert.Equal("useinbandfec=1; stereo=0", media.FindFormatParameters("96"));
        Assert.Null(media.FindFormatParameters("0"));
    }

    [Theory]
    [InlineData("a=ptime:20", 20)]
    [InlineData("a=ptime:30", 30)]
    [InlineData("a=ptime:20.0", 20)]
    [InlineData("a=ptime: 30", 30)]
    [InlineData("a=ptime:abc", null)]
    [InlineData("a=ptime:0", null)]
    [InlineData("a=ptime:-20", null)]
    public void PacketTime_Attribute_ReadsMilliseconds(string attribute, int? expected)
    {
        Assert.Equal(expected, Audio(attribute).PacketTime);
    }

    [Fact]
    public void MaxPacketTime_Attribute_ReadsMilliseconds()
    {
        Assert.Equal(40, Audio("a=maxptime:40").MaxPacketTime);
        Assert.Null(Audio("a=ptime:20").MaxPacketTime);
    }

    [Fact]
    public void Rtcp_PortAndAddress_Read()
    {
        Assert.Equal(new RtcpAttribute(7079), Audio("a=rtcp:7079").Rtcp);
        Assert.Equal(new RtcpAttribute(53020, new SdpConnection("IN", "IP6", "2001:db8::1")), Audio("a=rtcp:53020 IN IP6 2001:db8::1").Rtcp);
        Assert.Null(Audio("a=rtcp:99999").Rtcp);
        Assert.Null(Audio().Rtcp);
    }

    [Fact]
    public void RtcpMux_Property_Noted()
    {
        Assert.True(Audio("a=rtcp-mux").RtcpMux);
        Assert.False(Audio("a=rtcp-rsize").RtcpMux);
    }

    [Fact]
    public void Direction_SeveralAttributes_LastWins()
    {
        Assert.Equal(MediaDirection.Inactive, Audio("a=sendonly", "a=inactive").Direction);
        Assert.Null(Audio("a=ptime:20").Direction);
        Assert.Equal(MediaDirection.SendOnly, Audio("a=SENDONLY").Direction);
    }

    [Fact]
    public void IsAudio_VideoLine_False()
    {
        var linphone = SampleOffers.Parse(SampleOffers.Linphone);

        Assert.True(linphone.Media[0].IsAudio);
        Assert.False(linphone.Media[1].IsAudio);
    }
}
