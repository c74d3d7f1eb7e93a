namespace Hark.Sdp;

public static partial class OfferAnswer
{
    private static readonly LocalAudioCapabilities Defaults = new("0.0.0.0", 0, 0);

    /// <summary>
    /// Settles Hark's <paramref name="offer"/> with the peer's <paramref name="answer"/>: the audio stream Hark offered
    /// must be answered with a non-zero port, a connection address and one of the offered G.711 codecs.
    /// Packet times are matched against <paramref name="local"/>'s (20 and 30 ms when null).
    /// </summary>
    public static SdpNegotiationResult ApplyAnswer(
        SessionDescription offer, SessionDescription answer, LocalAudioCapabilities? local = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        local ??= Defaults;
        var index = FindOfferedAudio(offer);
        if (index < 0)
        {
            return SdpNegotiationResult.Failure("Hark's offer has no active RTP/AVP audio stream");
        }

        if (answer.Media.Count <= index)
        {
            return SdpNegotiationResult.Failure(
                $"the answer has {answer.Media.Count} media streams where the offer had {offer.Media.Count}");
        }

        var offered = offer.Media[index];
        var media = answer.Media[index];
        if (media.Port == 0)
        {
            return SdpNegotiationResult.Failure("the peer rejected the audio stream (port 0)");
        }

        if (!media.IsAudio || !string.Equals(media.Protocol, offered.Protocol, StringComparison.OrdinalIgnoreCase))
        {
            return SdpNegotiationResult.Failure($"the answer's stream {index + 1} is '{media.Media} {media.Protocol}', not audio over {offered.Protocol}");
        }

        if (answer.ConnectionOf(media) is not { } connection)
        {
            return SdpNegotiationResult.Failure("the answer's audio stream has no connection address");
        }

        var allowed = OfferedCodecs(offered, local.Codecs);
        if (AudioFormatChooser.ChooseCodec(media, allowed, offered) is not var (pt, codec))
        {
            return SdpNegotiationResult.Failure("the answer accepts none of the offered codecs");
        }

        var offeredEvents = AudioFormatChooser.ChooseTelephoneEvent(offered);
        var events = offeredEvents is null ? null : AudioFormatChooser.ChooseTelephoneEvent(media, offered);
        var ptime = AudioFormatChooser.ChoosePacketTime(
            answer.PacketTimeOf(media), answer.MaxPacketTimeOf(media), local.PacketTimes, local.DefaultPacketTime);
        var direction = AudioFormatChooser.Settle(offer.DirectionOf(offered), answer.DirectionOf(media), connection.IsUnspecifiedIPv4);
        var rtcpMux = offered.RtcpMux && media.RtcpMux;
        return SdpNegotiationResult.Success(
            new NegotiatedAudio(connection.Address, media.Port, pt, codec, events?.PayloadType, ptime, direction)
            {
                RemoteRtcpPort = rtcpMux ? media.Port : media.Rtcp?.Port ?? media.Port + 1,
                RtcpMux = rtcpMux,
            });
    }

    private static int FindOfferedAudio(SessionDescription offer)
    {
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var media = offer.Media[i];
            if (media.IsAudio && media.Port != 0 && string.Equals(media.Protocol, MediaDescription.RtpAvp, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    // Only codecs Hark itself put in the offer may come back in the answer.
    private static List<AudioCodec> OfferedCodecs(MediaDescription offered, IReadOnlyList<AudioCodec> codecs) =>
        [.. codecs.Where(c => AudioFormatChooser.ChooseCodec(offered, [c]) is not null)];
}
