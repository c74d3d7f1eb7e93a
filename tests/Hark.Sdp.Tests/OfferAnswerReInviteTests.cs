namespace Hark.Sdp.Tests;

public class OfferAnswerReInviteTests
{
    private static readonly LocalAudioCapabilities Hark = OfferAnswerAnswerTests.Hark;

    private static SessionDescription LinphoneWith(string version, string direction) =>
        SampleOffers.Parse(SampleOffers.Linphone
            .Replace("o=alice 3302 2946", $"o=alice 3302 {version}", StringComparison.Ordinal)
            .Replace("a=rtcp:7079\n", $"a=rtcp:7079\n{direction}", StringComparison.Ordinal));

    [Fact]
    public void Answer_SessionRefreshWithTheSameOffer_SameAnswerAndVersion()
    {
        var first = OfferAnswer.Answer(LinphoneWith("2946", string.Empty), Hark).Answer!;

        var refresh = OfferAnswer.Answer(LinphoneWith("2946", string.Empty), Hark, first).Answer!;

        Assert.Equal(first.ToString(), refresh.ToString());
    }

    [Fact]
    public void Answer_HoldThenUnhold_SameSessionIdVersionUpEachTime()
    {
        var initial = OfferAnswer.Answer(LinphoneWith("2946", string.Empty), Hark);

        var hold = OfferAnswer.Answer(LinphoneWith("2947", "a=sendonly\n"), Hark with { SessionId = 999 }, initial.Answer);
        var unhold = OfferAnswer.Answer(LinphoneWith("2948", "a=sendrecv\n"), Hark, hold.Answer);

        Assert.Equal(MediaDirection.RecvOnly, hold.Audio?.Direction);
        Assert.Equal(MediaDirection.RecvOnly, hold.Answer?.Media[0].Direction);
        Assert.Equal(MediaDirection.SendRecv, unhold.Audio?.Direction);
        Assert.Equal(
            [("777", "1"), ("777", "2"), ("777", "3")],
            new[] { initial, hold, unhold }.Select(r => (r.Answer!.Origin.SessionId, r.Answer.Origin.SessionVersion)));
    }

    [Fact]
    public void Answer_InactiveReOffer_InactiveAnswerKeepsCodec()
    {
        var initial = OfferAnswer.Answer(LinphoneWith("2946", string.Empty), Hark);

        var inactive = OfferAnswer.Answer(LinphoneWith("2947", "a=inactive\n"), Hark, initial.Answer);

        Assert.Equal(MediaDirection.Inactive, inactive.Audio?.Direction);
        Assert.Equal(initial.Audio! with { Direction = MediaDirection.Inactive }, inactive.Audio);
        Assert.Equal("2", inactive.Answer?.Origin.SessionVersion);
    }

    [Fact]
    public void Answer_ReOfferMovingThePeersPort_NewRemoteEndpointSameAnswerVersion()
    {
        var initial = OfferAnswer.Answer(SampleOffers.Parse(SampleOffers.Sipp), Hark);
        var moved = SampleOffers.Parse(SampleOffers.Sipp.Replace("m=audio 6000", "m=audio 6100", StringComparison.Ordinal)
            .Replace("c=IN IP4 127.0.0.1", "c=IN IP4 127.0.0.2", StringComparison.Ordinal));

        var result = OfferAnswer.Answer(moved, Hark, initial.Answer);

        Assert.Equal(("127.0.0.2", 6100), (result.Audio?.RemoteAddress, result.Audio?.RemotePort));
        // Hark's own description did not change, so its version must not either (RFC 3264 section 8).
        Assert.Equal(initial.Answer?.ToString(), result.Answer?.ToString());
    }

    [Fact]
    public void Answer_ReInviteAfterHarksOwnOffer_KeepsHarksSessionIdAndBumpsVersion()
    {
        var harkOffer = OfferAnswer.CreateOffer(Hark);

        var answer = OfferAnswer.Answer(SampleOffers.Parse(SampleOffers.Baresip), Hark with { SessionId = 1 }, harkOffer).Answer!;

        Assert.Equal(harkOffer.Origin.SessionId, answer.Origin.SessionId);
        Assert.Equal("2", answer.Origin.SessionVersion);
    }

    [Fact]
    public void Answer_RefusedReOffer_PreviousAnswerUntouched()
    {
        var initial = OfferAnswer.Answer(SampleOffers.Parse(SampleOffers.Sipp), Hark);

        var refused = OfferAnswer.Answer(SampleOffers.Parse(SampleOffers.WebRtc), Hark, initial.Answer);

        Assert.False(refused.IsAccepted);
        Assert.Equal(488, refused.StatusCode);
    }
}
