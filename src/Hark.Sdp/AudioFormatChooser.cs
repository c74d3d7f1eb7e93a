namespace Hark.Sdp;

/// <summary>The choices offer/answer makes for one audio m section: codec, telephone-event, ptime, direction.</summary>
internal static class AudioFormatChooser
{
    public const string TelephoneEvent = "telephone-event";

    /// <summary>The first format, in the writer's order, that is PCMU or PCMA and allowed.</summary>
    /// <param name="fallback">Where to look for an rtpmap the section itself lacks (Hark's own offer, for an answer).</param>
    public static (int PayloadType, AudioCodec Codec)? ChooseCodec(
        MediaDescription media, IReadOnlyList<AudioCodec> allowed, MediaDescription? fallback = null)
    {
        foreach (var format in media.Formats)
        {
            if (SdpNumbers.TryParsePayloadType(format, out var pt)
                && CodecOf(pt, media.FindRtpMap(pt) ?? fallback?.FindRtpMap(pt)) is AudioCodec codec
                && allowed.Contains(codec))
            {
                return (pt, codec);
            }
        }

        return null;
    }

    /// <summary>The first format mapped to telephone-event/8000, with its fmtp.</summary>
    public static (int PayloadType, string? Events)? ChooseTelephoneEvent(MediaDescription media, MediaDescription? fallback = null)
    {
        foreach (var format in media.Formats)
        {
            if (SdpNumbers.TryParsePayloadType(format, out var pt)
                && (media.FindRtpMap(pt) ?? fallback?.FindRtpMap(pt)) is { } map
                && map.IsMono(TelephoneEvent, NegotiatedAudio.G711ClockRate))
            {
                return (pt, media.FindFormatParameters(format) ?? fallback?.FindFormatParameters(format));
            }
        }

        return null;
    }

    /// <summary>
    /// The supported packet time nearest to the one asked for (or the default), not above maxptime when that
    /// leaves a choice; ties go to the shorter packet.
    /// </summary>
    public static int ChoosePacketTime(int? asked, int? max, IReadOnlyList<int> supported, int defaultPacketTime)
    {
        var target = asked ?? defaultPacketTime;
        var candidates = supported.Where(p => p > 0 && (max is null || p <= max)).ToList();
        if (candidates.Count == 0)
        {
            candidates = [.. supported.Where(p => p > 0)];
        }

        if (candidates.Count == 0)
        {
            return defaultPacketTime;
        }

        return candidates.OrderBy(p => Math.Abs(p - target)).ThenBy(p => p).First();
    }

    /// <summary>
    /// RFC 3264 section 6.1: Hark sends only if the peer receives and Hark wants to send, and receives only if the
    /// peer sends and Hark wants to receive. A 0.0.0.0 connection (RFC 2543 hold) means the peer receives nothing.
    /// </summary>
    public static MediaDirection Answer(MediaDirection offered, bool offererUnreachable, MediaDirection local)
    {
        var peerReceives = Receives(offered) && !offererUnreachable;
        var send = peerReceives && Sends(local);
        var receive = Sends(offered) && Receives(local);
        return Of(send, receive);
    }

    /// <summary>Hark's direction once its offer got an answer: the intersection of both, each seen from its side.</summary>
    public static MediaDirection Settle(MediaDirection offered, MediaDirection answered, bool answererUnreachable) =>
        Of(Sends(offered) && Receives(answered) && !answererUnreachable, Receives(offered) && Sends(answered));

    private static AudioCodec? CodecOf(int payloadType, RtpMap? map)
    {
        if (map is null)
        {
            // Static payload types need no rtpmap (RFC 3551 table 4).
            return payloadType switch
            {
                0 => AudioCodec.Pcmu,
                8 => AudioCodec.Pcma,
                _ => null,
            };
        }

        return map.IsMono("PCMU", NegotiatedAudio.G711ClockRate) ? AudioCodec.Pcmu
            : map.IsMono("PCMA", NegotiatedAudio.G711ClockRate) ? AudioCodec.Pcma
            : null;
    }

    private static bool Sends(MediaDirection direction) => direction is MediaDirection.SendRecv or MediaDirection.SendOnly;

    private static bool Receives(MediaDirection direction) => direction is MediaDirection.SendRecv or MediaDirection.RecvOnly;

    private static MediaDirection Of(bool send, bool receive) => (send, receive) switch
    {
        (true, true) => MediaDirection.SendRecv,
        (true, false) => MediaDirection.SendOnly,
        (false, true) => MediaDirection.RecvOnly,
        _ => MediaDirection.Inactive,
    };
}
