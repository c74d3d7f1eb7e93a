using System.Text;

namespace Hark.Sdp;

public static partial class OfferAnswer
{
    /// <summary>
    /// Answers <paramref name="offer"/>: accepts the first audio RTP/AVP stream offering an allowed G.711 codec
    /// (in the offerer's order, whatever comes before it), with telephone-event/8000 when offered, and rejects every
    /// other stream with port 0. Refuses (488) when no stream qualifies. For a re-INVITE, pass the last description
    /// Hark sent in the dialog as <paramref name="previousLocal"/>: an unchanged answer keeps its version.
    /// </summary>
    public static SdpAnswerResult Answer(
        SessionDescription offer, LocalAudioCapabilities local, SessionDescription? previousLocal = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        var answered = new List<MediaDescription>(offer.Media.Count);
        NegotiatedAudio? audio = null;
        string? refusal = null;
        foreach (var media in offer.Media)
        {
            if (audio is null && TryAccept(offer, media, local, ref refusal) is var (accepted, negotiated))
            {
                answered.Add(accepted);
                audio = negotiated;
            }
            else
            {
                answered.Add(Reject(media));
            }
        }

        if (audio is null)
        {
            return SdpAnswerResult.Refused(refusal ?? Describe(offer));
        }

        return SdpAnswerResult.Accepted(Describe(local, answered, previousLocal), audio);
    }

    private static (MediaDescription Answer, NegotiatedAudio Audio)? TryAccept(
        SessionDescription offer, MediaDescription media, LocalAudioCapabilities local, ref string? refusal)
    {
        if (!media.IsAudio || media.Port == 0 || !string.Equals(media.Protocol, MediaDescription.RtpAvp, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (AudioFormatChooser.ChooseCodec(media, local.Codecs) is not var (pt, codec))
        {
            return null;
        }

        if (offer.ConnectionOf(media) is not { } connection)
        {
            refusal ??= "the audio stream offering G.711 has no connection address";
            return null;
        }

        var formats = new List<string> { SdpNumbers.Format(pt) };
        var attributes = new List<SdpAttribute> { (media.FindRtpMap(pt) ?? StaticMap(codec)).ToAttribute() };
        var telephoneEvent = local.TelephoneEvents ? AudioFormatChooser.ChooseTelephoneEvent(media) : null;
        if (telephoneEvent is var (eventPt, events))
        {
            formats.Add(SdpNumbers.Format(eventPt));
            attributes.Add(new RtpMap(eventPt, AudioFormatChooser.TelephoneEvent, NegotiatedAudio.G711ClockRate).ToAttribute());
            if (events is not null)
            {
                attributes.Add(FormatParameters.ForPayloadType(eventPt, events).ToAttribute());
            }
        }

        var ptime = AudioFormatChooser.ChoosePacketTime(
            offer.PacketTimeOf(media), offer.MaxPacketTimeOf(media), local.PacketTimes, local.DefaultPacketTime);
        attributes.Add(new SdpAttribute("ptime", SdpNumbers.Format(ptime)));
        var direction = AudioFormatChooser.Answer(offer.DirectionOf(media), connection.IsUnspecifiedIPv4, local.Direction);
        attributes.Add(new SdpAttribute(SdpAttributeReader.Name(direction)));
        var rtcpMux = local.AcceptRtcpMux && media.RtcpMux;
        if (rtcpMux)
        {
            attributes.Add(new SdpAttribute("rtcp-mux"));
        }

        var answer = new MediaDescription(media.Media, local.Port, media.Protocol) { Formats = formats, Attributes = attributes };
        var audio = new NegotiatedAudio(connection.Address, media.Port, pt, codec, telephoneEvent?.PayloadType, ptime, direction)
        {
            RemoteRtcpPort = rtcpMux ? media.Port : media.Rtcp?.Port ?? media.Port + 1,
            RtcpMux = rtcpMux,
        };
        return (answer, audio);
    }

    // RFC 3264 section 6: a refused stream is answered with port 0, same media and protocol, and its formats.
    private static MediaDescription Reject(MediaDescription offered) =>
        new(offered.Media, 0, offered.Protocol) { Formats = offered.Formats.Count > 0 ? offered.Formats : ["0"] };

    private static string Describe(SessionDescription offer)
    {
        var audio = offer.Media.Where(m => m.IsAudio && m.Port != 0).ToList();
        if (audio.Count == 0)
        {
            return "the offer has no active audio stream";
        }

        var text = new StringBuilder("no audio stream offers PCMU or PCMA over RTP/AVP (offered:");
        foreach (var media in audio)
        {
            text.Append(' ').Append(media.Protocol);
            foreach (var format in media.Formats)
            {
                var name = SdpNumbers.TryParsePayloadType(format, out var pt) && media.FindRtpMap(pt) is { } map
                    ? $"{map.EncodingName}/{map.ClockRate}"
                    : format;
                text.Append(' ').Append(name);
            }

            text.Append(';');
        }

        text.Length--;
        return text.Append(')').ToString();
    }
}
