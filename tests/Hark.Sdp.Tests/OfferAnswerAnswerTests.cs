namespace Hark.Sdp.Tests;

public class OfferAnswerAnswerTests
{
    internal static readonly LocalAudioCapabilities Hark = new("192.0.2.10", 20000, 777);

    private static SdpAnswerResult AnswerTo(string lf, LocalAudioCapabilities? local = null) =>
        OfferAnswer.Answer(SampleOffers.Parse(lf), local ?? Hark);

    private static string Offer(string media) =>
        $"v=0\no=- 1 1 IN IP4 198.51.100.7\ns=-\nc=IN IP4 198.51.100.7\nt=0 0\n{media}";

    [Fact]
    public void Answer_SippOffer_WholeAnswerAsRfc3264Says()
    {
        var result = AnswerTo(SampleOffers.Sipp);

        Assert.True(result.IsAccepted);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(
            "v=0\r\no=hark 777 1 IN IP4 192.0.2.10\r\ns=Hark\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
            + "m=audio 20000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendrecv\r\n",
            result.Answer.ToString());
        Assert.Equal(new NegotiatedAudio("127.0.0.1", 6000, 0, AudioCodec.Pcmu, null, 20, MediaDirection.SendRecv) { RemoteRtcpPort = 6001 }, result.Audio);
    }

    [Fact]
    public void Answer_LinphoneOpusFirst_PicksPcmuAndTelephoneEvent8000AndRejectsVideo()
    {
        var result = AnswerTo(SampleOffers.Linphone);

        Assert.True(result.IsAccepted);
        var audio = result.Answer.Media[0];
        Assert.Equal(["0", "100"], audio.Formats);
        Assert.Equal([new RtpMap(0, "PCMU", 8000), new RtpMap(100, "telephone-event", 8000)], audio.RtpMaps);
        Assert.Equal("0-16", audio.FindFormatParameters("100"));
        var video = result.Answer.Media[1];
        Assert.Equal(("video", 0, "RTP/AVP"), (video.Media, video.Port, video.Protocol));
        Assert.Equal(["96", "97"], video.Formats);
        Assert.Empty(video.Attributes);
        Assert.Equal(new NegotiatedAudio("192.168.1.20", 7078, 0, AudioCodec.Pcmu, 100, 20, MediaDirection.SendRecv) { RemoteRtcpPort = 7079 }, result.Audio);
    }

    [Fact]
    public void Answer_BaresipOpusAndG722First_PicksPcmuAndEchoesEventRange()
    {
        var result = AnswerTo(SampleOffers.Baresip);

        Assert.True(result.IsAccepted);
        Assert.Equal(
            "m=audio 20000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n"
            + "a=ptime:20\r\na=sendrecv\r\n",
            result.Answer.ToString()[result.Answer.ToString().IndexOf("m=", StringComparison.Ordinal)..]);
        Assert.Equal((AudioCodec.Pcmu, 0, 101), (result.Audio.Codec, result.Audio.PayloadType, result.Audio.TelephoneEventPayloadType));
    }

    [Fact]
    public void Answer_SippPcmaIn30msPackets_AnswersPcmaPtime30()
    {
        var result = AnswerTo(SampleOffers.SippPcmaPtime30);

        Assert.True(result.IsAccepted);
        Assert.Equal(["8", "101"], result.Answer.Media[0].Formats);
        Assert.Equal(30, result.Answer.Media[0].PacketTime);
        Assert.Equal((AudioCodec.Pcma, 8, 101, 30, 240), (result.Audio.Codec, result.Audio.PayloadType, result.Audio.TelephoneEventPayloadType, result.Audio.PacketTimeMs, result.Audio.SamplesPerPacket));
    }

    [Fact]
    public void Answer_StaticTypesWithoutRtpmap_HonoursOffererOrder()
    {
        var result = AnswerTo(SampleOffers.StaticOnly);

        Assert.True(result.IsAccepted);
        Assert.Equal(["8"], result.Answer.Media[0].Formats);
        Assert.Equal([new RtpMap(8, "PCMA", 8000)], result.Answer.Media[0].RtpMaps);
        Assert.Equal((AudioCodec.Pcma, 8, null), (result.Audio.Codec, result.Audio.PayloadType, result.Audio.TelephoneEventPayloadType));
    }

    [Fact]
    public void Answer_DynamicPayloadTypeNamedPcma_AcceptedWithThatType()
    {
        var result = AnswerTo(Offer("m=audio 4000 RTP/AVP 111 110\na=rtpmap:111 opus/48000/2\na=rtpmap:110 pcma/8000\n"));

        Assert.True(result.IsAccepted);
        Assert.Equal([new RtpMap(110, "pcma", 8000)], result.Answer.Media[0].RtpMaps);
        Assert.Equal((AudioCodec.Pcma, 110), (result.Audio.Codec, result.Audio.PayloadType));
    }

    [Theory]
    [InlineData("a=rtpmap:0 PCMU/16000\n")]
    [InlineData("a=rtpmap:0 PCMU/8000/2\n")]
    [InlineData("a=rtpmap:0 G729/8000\n")]
    public void Answer_StaticTypeRemappedToSomethingElse_NotTakenForPcmu(string rtpmap)
    {
        var result = AnswerTo(Offer($"m=audio 4000 RTP/AVP 0 8\n{rtpmap}"));

        Assert.True(result.IsAccepted);
        Assert.Equal(AudioCodec.Pcma, result.Audio.Codec);
    }

    [Fact]
    public void Answer_OnlyOpusAndG722_Refused488NamingTheOfferedCodecs()
    {
        var result = AnswerTo(Offer("m=audio 4000 RTP/AVP 96 9 101\na=rtpmap:96 opus/48000/2\na=rtpmap:101 telephone-event/8000\n"));

        Assert.False(result.IsAccepted);
        Assert.Equal(488, result.StatusCode);
        Assert.Null(result.Answer);
        Assert.Equal("no audio stream offers PCMU or PCMA over RTP/AVP (offered: RTP/AVP opus/48000 9 telephone-event/8000)", result.FailureReason);
    }

    [Fact]
    public void Answer_LocalAllowsOnlyPcmaButOfferIsPcmuOnly_Refused()
    {
        var result = AnswerTo(SampleOffers.Sipp, Hark with { Codecs = [AudioCodec.Pcma] });

        Assert.False(result.IsAccepted);
        Assert.Equal(SdpAnswerResult.NotAcceptableHere, result.StatusCode);
    }

    [Fact]
    public void Answer_WebRtcDtlsOnly_Refused()
    {
        var result = AnswerTo(SampleOffers.WebRtc);

        Assert.False(result.IsAccepted);
        Assert.Contains("UDP/TLS/RTP/SAVPF opus/48000 PCMU/8000 PCMA/8000", result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nt=0 0\n")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 0 RTP/AVP 0\nm=video 5000 RTP/AVP 96\n")]
    public void Answer_NoActiveAudio_RefusedSayingSo(string offer)
    {
        var result = OfferAnswer.Answer(SessionDescription.Parse(offer), Hark);

        Assert.Equal("the offer has no active audio stream", result.FailureReason);
    }

    [Fact]
    public void Answer_NoConnectionLine_Refused()
    {
        var result = OfferAnswer.Answer(SessionDescription.Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nt=0 0\nm=audio 5000 RTP/AVP 0\n"), Hark);

        Assert.Equal("the audio stream offering G.711 has no connection address", result.FailureReason);
    }

    [Fact]
    public void Answer_SavpThenAvp_RejectsTheFirstAndAcceptsThePlainOne()
    {
        var result = AnswerTo(SampleOffers.SavpThenAvp);

        Assert.True(result.IsAccepted);
        Assert.Equal([(0, "RTP/SAVP"), (20000, "RTP/AVP")], result.Answer.Media.Select(m => (m.Port, m.Protocol)));
        Assert.Equal((40002, AudioCodec.Pcma), (result.Audio.RemotePort, result.Audio.Codec));
    }

    [Fact]
    public void Answer_TwoAudioStreams_OnlyTheFirstAcceptable()
    {
        var result = AnswerTo(Offer("m=audio 4000 RTP/AVP 0\nm=audio 4002 RTP/AVP 8\n"));

        Assert.True(result.IsAccepted);
        Assert.Equal([20000, 0], result.Answer.Media.Select(m => m.Port));
        Assert.Equal(4000, result.Audio.RemotePort);
    }

    [Theory]
    [InlineData("", 20)]
    [InlineData("a=ptime:20\n", 20)]
    [InlineData("a=ptime:30\n", 30)]
    [InlineData("a=ptime:40\n", 30)]
    [InlineData("a=ptime:10\n", 20)]
    [InlineData("a=ptime:25\n", 20)]
    [InlineData("a=ptime:26\n", 30)]
    [InlineData("a=ptime:30\na=maxptime:20\n", 20)]
    [InlineData("a=maxptime:10\n", 20)]
    public void Answer_OfferedPtime_NearestSupportedStatedInAnswer(string attributes, int expected)
    {
        var result = AnswerTo(Offer($"m=audio 4000 RTP/AVP 0\n{attributes}"));

        Assert.True(result.IsAccepted);
        Assert.Equal(expected, result.Audio.PacketTimeMs);
        Assert.Equal(expected, result.Answer.Media[0].PacketTime);
    }

    [Fact]
    public void Answer_SessionLevelPtime_Honoured()
    {
        var result = AnswerTo("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\na=ptime:30\nm=audio 4000 RTP/AVP 0\n");

        Assert.Equal(30, result.Audio?.PacketTimeMs);
    }

    [Theory]
    [InlineData("", MediaDirection.SendRecv)]
    [InlineData("a=sendrecv\n", MediaDirection.SendRecv)]
    [InlineData("a=sendonly\n", MediaDirection.RecvOnly)]
    [InlineData("a=recvonly\n", MediaDirection.SendOnly)]
    [InlineData("a=inactive\n", MediaDirection.Inactive)]
    public void Answer_OfferedDirection_AnsweredPerRfc3264(string attribute, MediaDirection expected)
    {
        var result = AnswerTo(Offer($"m=audio 4000 RTP/AVP 0\n{attribute}"));

        Assert.True(result.IsAccepted);
        Assert.Equal(expected, result.Audio.Direction);
        Assert.Equal(expected, result.Answer.Media[0].Direction);
    }

    [Fact]
    public void Answer_SessionLevelSendonly_AnsweredRecvonly()
    {
        var result = AnswerTo("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\na=sendonly\nm=audio 4000 RTP/AVP 0\n");

        Assert.Equal(MediaDirection.RecvOnly, result.Audio?.Direction);
        Assert.False(result.Audio?.CanSend);
        Assert.True(result.Audio?.CanReceive);
    }

    [Fact]
    public void Answer_Rfc2543HoldWithZeroAddress_HarkDoesNotSend()
    {
        var result = AnswerTo("v=0\no=- 1 2 IN IP4 10.0.0.1\ns=-\nc=IN IP4 0.0.0.0\nt=0 0\nm=audio 4000 RTP/AVP 0\n");

        Assert.Equal(MediaDirection.RecvOnly, result.Audio?.Direction);
    }

    [Fact]
    public void Answer_HarkHoldingAndOfferSendonly_Inactive()
    {
        var result = AnswerTo(Offer("m=audio 4000 RTP/AVP 0\na=sendonly\n"), Hark with { Direction = MediaDirection.SendOnly });

        Assert.Equal(MediaDirection.Inactive, result.Audio?.Direction);
    }

    [Fact]
    public void Answer_IPv6OfferAndHarkOnIPv6_AnswersWithIP6Lines()
    {
        var result = AnswerTo(SampleOffers.IPv6, new LocalAudioCapabilities("2001:db8::10", 20002, 5));

        Assert.True(result.IsAccepted);
        Assert.Equal(new SdpConnection("IN", "IP6", "2001:db8::10"), result.Answer.Connection);
        Assert.Equal(("IP6", "2001:db8::10"), (result.Answer.Origin.AddressType, result.Answer.Origin.Address));
        Assert.Equal(("2001:db8::2", 49170, 101), (result.Audio.RemoteAddress, result.Audio.RemotePort, result.Audio.TelephoneEventPayloadType));
        Assert.Equal("0-16", result.Answer.Media[0].FindFormatParameters("101"));
    }

    [Fact]
    public void Answer_TelephoneEventWithoutFmtp_AnsweredWithoutFmtp()
    {
        var result = AnswerTo(Offer("m=audio 4000 RTP/AVP 0 101\na=rtpmap:101 telephone-event/8000\n"));

        Assert.Equal(101, result.Audio?.TelephoneEventPayloadType);
        Assert.Empty(result.Answer!.Media[0].FormatParameters);
    }

    [Fact]
    public void Answer_OnlyTelephoneEventAt48000_NoEventsNegotiated()
    {
        var result = AnswerTo(Offer("m=audio 4000 RTP/AVP 0 101\na=rtpmap:101 telephone-event/48000\n"));

        Assert.True(result.IsAccepted);
        Assert.Null(result.Audio.TelephoneEventPayloadType);
        Assert.Equal(["0"], result.Answer.Media[0].Formats);
    }

    [Fact]
    public void Answer_EventsDisabledLocally_NotAnswered()
    {
        var result = AnswerTo(SampleOffers.Baresip, Hark with { TelephoneEvents = false });

        Assert.Null(result.Audio?.TelephoneEventPayloadType);
        Assert.Equal(["0"], result.Answer?.Media[0].Formats);
    }

    [Fact]
    public void Answer_RtcpMuxOffered_AcceptedOnlyWhenLocalAllowsIt()
    {
        var offer = Offer("m=audio 4000 RTP/AVP 0\na=rtcp-mux\n");

        var refused = AnswerTo(offer);
        var accepted = AnswerTo(offer, Hark with { AcceptRtcpMux = true });

        Assert.Equal((false, 4001), (refused.Audio?.RtcpMux, refused.Audio?.RemoteRtcpPort));
        Assert.False(refused.Answer?.Media[0].RtcpMux);
        Assert.Equal((true, 4000), (accepted.Audio?.RtcpMux, accepted.Audio?.RemoteRtcpPort));
        Assert.True(accepted.Answer?.Media[0].RtcpMux);
    }

    [Theory]
    [MemberData(nameof(SampleOffers.Names), MemberType = typeof(SampleOffers))]
    public void Answer_AnyRealWorldOffer_AnswerHasOneLinePerOfferedStreamAndReparses(string name)
    {
        var offer = SampleOffers.Parse(SampleOffers.ByName(name));

        var result = OfferAnswer.Answer(offer, Hark);

        if (result.IsAccepted)
        {
            var reparsed = SessionDescription.Parse(result.Answer.ToString());
            Assert.Equal(offer.Media.Select(m => (m.Media, m.Protocol)), reparsed.Media.Select(m => (m.Media, m.Protocol)));
            Assert.Single(reparsed.Media, m => m.Port != 0);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(result.FailureReason));
        }
    }

    [Theory]
    [InlineData(nameof(SampleOffers.Sipp))]
    [InlineData(nameof(SampleOffers.Baresip))]
    [InlineData(nameof(SampleOffers.Linphone))]
    [InlineData(nameof(SampleOffers.SippPcmaPtime30))]
    public void Answer_SeenFromTheOfferer_ApplyAnswerAgreesOnCodecAndPorts(string name)
    {
        var offer = SampleOffers.Parse(SampleOffers.ByName(name));
        var result = OfferAnswer.Answer(offer, Hark);

        var offererView = OfferAnswer.ApplyAnswer(offer, SessionDescription.Parse(result.Answer!.ToString()));

        Assert.True(offererView.IsSuccess, offererView.FailureReason);
        Assert.Equal(("192.0.2.10", 20000), (offererView.Audio.RemoteAddress, offererView.Audio.RemotePort));
        Assert.Equal((result.Audio!.Codec, result.Audio.PayloadType, result.Audio.TelephoneEventPayloadType, result.Audio.PacketTimeMs),
            (offererView.Audio.Codec, offererView.Audio.PayloadType, offererView.Audio.TelephoneEventPayloadType, offererView.Audio.PacketTimeMs));
    }
}
