namespace Hark.Sdp;

/// <summary>An m= section: the m line and the lines up to the next one.</summary>
/// <param name="Media">The media type ("audio", "video", "application", ...).</param>
/// <param name="Port">The transport port; 0 marks a rejected or disabled stream.</param>
/// <param name="Protocol">The transport protocol as written (RTP/AVP, RTP/SAVP, UDP/TLS/RTP/SAVPF, ...).</param>
public sealed record MediaDescription(string Media, int Port, string Protocol)
{
    /// <summary>The RTP/AVP profile, the only one Hark answers.</summary>
    public const string RtpAvp = "RTP/AVP";

    /// <summary>The port count after a '/', when given.</summary>
    public int? PortCount { get; init; }

    /// <summary>The formats (payload types for RTP), in the offerer's order of preference.</summary>
    public IReadOnlyList<string> Formats { get; init; } = [];

    /// <summary>The media-level c= line; null means the session-level one applies.</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>The media-level b= lines, in order.</summary>
    public IReadOnlyList<SdpBandwidth> Bandwidths { get; init; } = [];

    /// <summary>The media-level i= and k= lines and lines of unknown type, in order.</summary>
    public IReadOnlyList<SdpLine> OtherLines { get; init; } = [];

    /// <summary>The media-level a= lines, in order.</summary>
    public IReadOnlyList<SdpAttribute> Attributes { get; init; } = [];

    /// <summary>True for <c>m=audio</c>.</summary>
    public bool IsAudio => string.Equals(Media, "audio", StringComparison.OrdinalIgnoreCase);

    /// <summary>The well-formed rtpmap attributes, in order.</summary>
    public IEnumerable<RtpMap> RtpMaps =>
        Attributes.Where(a => a.Is(RtpMap.AttributeName))
            .Select(a => RtpMap.TryParse(a.Value, out var map) ? map : null)
            .OfType<RtpMap>();

    /// <summary>The well-formed fmtp attributes, in order.</summary>
    public IEnumerable<FormatParameters> FormatParameters =>
        Attributes.Where(a => a.Is(Sdp.FormatParameters.AttributeName))
            .Select(a => Sdp.FormatParameters.TryParse(a.Value, out var fmtp) ? fmtp : null)
            .OfType<FormatParameters>();

    /// <summary>The media-level direction attribute, or null when there is none.</summary>
    public MediaDirection? Direction => SdpAttributeReader.Direction(Attributes);

    /// <summary>a=ptime in milliseconds, or null when absent or malformed.</summary>
    public int? PacketTime => SdpAttributeReader.Milliseconds(Attributes, "ptime");

    /// <summary>a=maxptime in milliseconds, or null when absent or malformed.</summary>
    public int? MaxPacketTime => SdpAttributeReader.Milliseconds(Attributes, "maxptime");

    /// <summary>The RFC 3605 rtcp attribute, or null when absent or malformed.</summary>
    public RtcpAttribute? Rtcp =>
        RtcpAttribute.TryParse(SdpAttributeReader.FindValue(Attributes, RtcpAttribute.AttributeName), out var rtcp) ? rtcp : null;

    /// <summary>True when RFC 5761 rtcp-mux is offered or accepted.</summary>
    public bool RtcpMux => SdpAttributeReader.Has(Attributes, "rtcp-mux");

    /// <summary>The rtpmap for <paramref name="payloadType"/>, or null.</summary>
    public RtpMap? FindRtpMap(int payloadType) => RtpMaps.FirstOrDefault(m => m.PayloadType == payloadType);

    /// <summary>The fmtp parameters for <paramref name="format"/>, or null.</summary>
    public string? FindFormatParameters(string format) =>
        FormatParameters.FirstOrDefault(f => f.Format == format)?.Parameters;

    /// <summary>The value of the first attribute named <paramref name="name"/> (null also for a property attribute).</summary>
    public string? FindAttribute(string name) => SdpAttributeReader.FindValue(Attributes, name);

    /// <summary>True when an attribute named <paramref name="name"/> is present.</summary>
    public bool HasAttribute(string name) => SdpAttributeReader.Has(Attributes, name);
}
