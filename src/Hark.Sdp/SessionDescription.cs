using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Hark.Sdp;

/// <summary>An RFC 4566 session description. Immutable; build variants with <c>with</c>.</summary>
/// <param name="Origin">The o= line.</param>
/// <param name="SessionName">The s= line's text.</param>
public sealed record SessionDescription(SdpOrigin Origin, string SessionName)
{
    /// <summary>The v= value; only 0 exists.</summary>
    public int Version { get; init; }

    /// <summary>The session-level c= line, or null when every m section has its own.</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>The session-level b= lines, in order.</summary>
    public IReadOnlyList<SdpBandwidth> Bandwidths { get; init; } = [];

    /// <summary>The t= lines (with their r= lines); written as <c>t=0 0</c> when empty.</summary>
    public IReadOnlyList<SdpTiming> Timings { get; init; } = [];

    /// <summary>Session-level i, u, e, p, z, k and unknown lines, in order.</summary>
    public IReadOnlyList<SdpLine> OtherLines { get; init; } = [];

    /// <summary>The session-level a= lines, in order.</summary>
    public IReadOnlyList<SdpAttribute> Attributes { get; init; } = [];

    /// <summary>The m= sections, in order.</summary>
    public IReadOnlyList<MediaDescription> Media { get; init; } = [];

    /// <summary>The session-level direction attribute, or null when there is none.</summary>
    public MediaDirection? Direction => SdpAttributeReader.Direction(Attributes);

    /// <summary>The direction that applies to <paramref name="media"/>: its own, else the session's, else sendrecv.</summary>
    public MediaDirection DirectionOf(MediaDescription media) => media.Direction ?? Direction ?? MediaDirection.SendRecv;

    /// <summary>The c= line that applies to <paramref name="media"/>: its own, else the session's.</summary>
    public SdpConnection? ConnectionOf(MediaDescription media) => media.Connection ?? Connection;

    /// <summary>a=ptime for <paramref name="media"/>, falling back to a session-level one some stacks write.</summary>
    public int? PacketTimeOf(MediaDescription media) =>
        media.PacketTime ?? SdpAttributeReader.Milliseconds(Attributes, "ptime");

    /// <summary>a=maxptime for <paramref name="media"/>, falling back to a session-level one.</summary>
    public int? MaxPacketTimeOf(MediaDescription media) =>
        media.MaxPacketTime ?? SdpAttributeReader.Milliseconds(Attributes, "maxptime");

    /// <summary>Parses <paramref name="text"/>; never throws.</summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out SessionDescription? description,
        [NotNullWhen(false)] out SdpParseError? error) =>
        SdpParser.TryParse(text ?? string.Empty, out description, out error);

    /// <summary>Parses UTF-8 bytes (a SIP body); never throws. Invalid UTF-8 is replaced, not rejected.</summary>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8,
        [NotNullWhen(true)] out SessionDescription? description,
        [NotNullWhen(false)] out SdpParseError? error) =>
        SdpParser.TryParse(Encoding.UTF8.GetString(utf8), out description, out error);

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="SdpParseException">The text is not a usable description.</exception>
    public static SessionDescription Parse(string text) =>
        TryParse(text, out var description, out var error) ? description : throw new SdpParseException(error);

    /// <summary>The description as SDP text with CRLF line endings.</summary>
    public override string ToString() => SdpWriter.Write(this);

    /// <summary>The description as UTF-8 bytes, ready to be a SIP body.</summary>
    public byte[] ToUtf8Bytes() => Encoding.UTF8.GetBytes(ToString());
}
