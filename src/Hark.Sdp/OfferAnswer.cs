namespace Hark.Sdp;

/// <summary>
/// RFC 3264 offer/answer for one G.711 audio stream plus RFC 4733 telephone-event. Pure: descriptions in,
/// descriptions and decisions out.
/// </summary>
public static partial class OfferAnswer
{
    /// <summary>
    /// Hark's offer for an outgoing call (or a re-offer): PCMU, PCMA, telephone-event, ptime and direction from
    /// <paramref name="local"/>. Pass the last description Hark sent in the dialog as <paramref name="previousLocal"/>
    /// so the session id is kept and the version moves only when the content changes.
    /// </summary>
    public static SessionDescription CreateOffer(LocalAudioCapabilities local, SessionDescription? previousLocal = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        var formats = new List<string>();
        var attributes = new List<SdpAttribute>();
        foreach (var codec in local.Codecs.Distinct())
        {
            var map = StaticMap(codec);
            formats.Add(SdpNumbers.Format(map.PayloadType));
            attributes.Add(map.ToAttribute());
        }

        if (local.TelephoneEvents)
        {
            var pt = local.TelephoneEventPayloadType;
            formats.Add(SdpNumbers.Format(pt));
            attributes.Add(new RtpMap(pt, AudioFormatChooser.TelephoneEvent, NegotiatedAudio.G711ClockRate).ToAttribute());
            attributes.Add(FormatParameters.ForPayloadType(pt, local.TelephoneEventRange).ToAttribute());
        }

        attributes.Add(new SdpAttribute("ptime", SdpNumbers.Format(local.DefaultPacketTime)));
        attributes.Add(new SdpAttribute(SdpAttributeReader.Name(local.Direction)));
        var media = new MediaDescription("audio", local.Port, MediaDescription.RtpAvp) { Formats = formats, Attributes = attributes };
        return Describe(local, [media], previousLocal);
    }

    internal static RtpMap StaticMap(AudioCodec codec) => codec == AudioCodec.Pcma
        ? new RtpMap(8, "PCMA", NegotiatedAudio.G711ClockRate)
        : new RtpMap(0, "PCMU", NegotiatedAudio.G711ClockRate);

    // Wraps Hark's m sections in a session; o-line per RFC 3264 section 8: same id, version + 1 only on change.
    private static SessionDescription Describe(
        LocalAudioCapabilities local, IReadOnlyList<MediaDescription> media, SessionDescription? previousLocal)
    {
        var connection = SdpConnection.For(local.Address);
        var origin = previousLocal?.Origin is { } previous
            ? previous with { NetworkType = "IN", AddressType = connection.AddressType, Address = local.Address }
            : new SdpOrigin(local.Username, SdpNumbers.Format(local.SessionId), "1", "IN", connection.AddressType, local.Address);
        var description = new SessionDescription(origin, local.SessionName)
        {
            Connection = connection,
            Timings = [SdpTiming.Unbounded],
            Media = media,
        };

        if (previousLocal is null || description.ToString() == (previousLocal with { Origin = origin }).ToString())
        {
            return description;
        }

        return description with { Origin = origin.WithNextVersion() };
    }
}
