namespace Hark.Sdp.Tests;

public class OfferAnswerApplyAnswerTests
{
    private static readonly SessionDescription HarkOffer = OfferAnswer.CreateOffer(OfferAnswerAnswerTests.Hark);

    private static SdpNegotiationResult Apply(string media, string session = "c=IN IP4 203.0.113.5\n") =>
        OfferAnswer.ApplyAnswer(HarkOffer, SessionDescription.Parse($"v=0\no=uas 9 9 IN IP4 203.0.113.5\ns=-\n{session}t=0 0\n{media}"));

    [Fact]
    public void ApplyAnswer_SippUasAnswersPcmu_Negotiated()
    {
        var result = Apply("m=audio 6000 RTP/AVP 0\na=rtpmap:0 PCMU/8000\n");

        Assert.True(result.IsSuccess);
        Assert.Equal(new NegotiatedAudio("203.0.113.5", 6000, 0, AudioCodec.Pcmu, null, 20, MediaDirection.SendRecv) { RemoteRtcpPort = 6001 }, result.Audio);
    }

    [Fact]
    public void ApplyAnswer_PcmaWithEventsPtime30AndRtcp_AllTaken()
    {
        var result = Apply("m=audio 7000 RTP/AVP 8 101\na=rtpmap:101 telephone-event/8000\na=fmtp:101 0-15\na=ptime:30\na=rtcp:7005\n");

        Assert.Equal(new NegotiatedAudio("203.0.113.5", 7000, 8, AudioCodec.Pcma, 101, 30, MediaDirection.SendRecv) { RemoteRtcpPort = 7005 }, result.Audio);
    }

    [Fact]
    public void ApplyAnswer_EventsAnsweredWithoutRtpmap_FoundThroughTheOffer()
    {
        var result = Apply("m=audio 7000 RTP/AVP 0 101\n");

        Assert.Equal(101, result.Audio?.TelephoneEventPayloadType);
    }

    [Theory]
    [InlineData("a=recvonly\n", MediaDirection.SendOnly)]
    [InlineData("a=sendonly\n", MediaDirection.RecvOnly)]
    [InlineData("a=inactive\n", MediaDirection.Inactive)]
    [InlineData("", MediaDirection.SendRecv)]
    public void ApplyAnswer_AnsweredDirection_SeenFromHark(string attribute, MediaDirection expected)
    {
        var result = Apply($"m=audio 6000 RTP/AVP 0\n{attribute}");

        Assert.Equal(expected, result.Audio?.Direction);
    }

    [Fact]
    public void ApplyAnswer_MediaLevelConnection_UsedForTheRemoteEndpoint()
    {
        var result = Apply("m=audio 6000 RTP/AVP 0\nc=IN IP6 2001:db8::9\n", session: string.Empty);

        Assert.Equal("2001:db8::9", result.Audio?.RemoteAddress);
    }

    [Theory]
    [InlineData("m=audio 0 RTP/AVP 0\n", "the peer rejected the audio stream (port 0)")]
    [InlineData("m=audio 6000 RTP/AVP 9\na=rtpmap:9 G722/8000\n", "the answer accepts none of the offered codecs")]
    [InlineData("m=audio 6000 RTP/AVP 18\n", "the answer accepts none of the offered codecs")]
    [InlineData("m=audio 6000 RTP/SAVP 0\n", "the answer's stream 1 is 'audio RTP/SAVP', not audio over RTP/AVP")]
    [InlineData("", "the answer has 0 media streams where the offer had 1")]
    public void ApplyAnswer_UnusableAnswer_FailsSayingWhy(string media, string reason)
    {
        var result = Apply(media);

        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.FailureReason);
    }

    [Fact]
    public void ApplyAnswer_NoConnection_Fails()
    {
        var result = Apply("m=audio 6000 RTP/AVP 0\n", session: string.Empty);

        Assert.Equal("the answer's audio stream has no connection address", result.FailureReason);
    }

    [Fact]
    public void ApplyAnswer_CodecHarkDidNotOffer_Refused()
    {
        var pcmuOnly = OfferAnswer.CreateOffer(OfferAnswerAnswerTests.Hark with { Codecs = [AudioCodec.Pcmu] });

        var result = OfferAnswer.ApplyAnswer(pcmuOnly, SessionDescription.Parse("v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\nm=audio 6000 RTP/AVP 8\n"));

        Assert.Equal("the answer accepts none of the offered codecs", result.FailureReason);
    }

    [Fact]
    public void ApplyAnswer_OfferWithoutAudio_Fails()
    {
        var noAudio = SessionDescription.Parse("v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nt=0 0\n");

        var result = OfferAnswer.ApplyAnswer(noAudio, noAudio);

        Assert.Equal("Hark's offer has no active RTP/AVP audio stream", result.FailureReason);
    }
}
