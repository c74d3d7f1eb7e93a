using System.Buffers.Binary;

namespace Hark.Rtp;

/// <summary>
/// A view over one received RTP packet (RFC 3550 section 5.1). Nothing is copied: the spans point
/// into the datagram, so the view lives no longer than the receive buffer.
/// </summary>
/// <remarks>
/// Layout: <c>V(2) P(1) X(1) CC(4) | M(1) PT(7) | sequence(16) | timestamp(32) | SSRC(32) | CSRC(32) × CC
/// | [profile(16) length(16) extension(32 × length)] | payload | [padding, last byte = its count]</c>.
/// </remarks>
public readonly ref struct RtpPacket
{
    /// <summary>Size of the fixed header.</summary>
    public const int FixedHeaderSize = 12;

    /// <summary>The only RTP version there is.</summary>
    public const int RtpVersion = 2;

    private RtpPacket(ReadOnlySpan<byte> data, int headerLength, int payloadLength, ReadOnlySpan<byte> extension)
    {
        var b0 = data[0];
        var b1 = data[1];
        HasPadding = (b0 & 0x20) != 0;
        HasExtension = (b0 & 0x10) != 0;
        CsrcCount = b0 & 0x0F;
        Marker = (b1 & 0x80) != 0;
        PayloadType = (byte)(b1 & 0x7F);
        SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        Timestamp = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        Ssrc = BinaryPrimitives.ReadUInt32BigEndian(data[8..]);
        CsrcList = data.Slice(FixedHeaderSize, 4 * CsrcCount);
        ExtensionProfile = HasExtension ? BinaryPrimitives.ReadUInt16BigEndian(data[(FixedHeaderSize + (4 * CsrcCount))..]) : (ushort)0;
        ExtensionData = extension;
        HeaderLength = headerLength;
        Payload = data.Slice(headerLength, payloadLength);
        PaddingLength = data.Length - headerLength - payloadLength;
    }

    /// <summary>The P bit.</summary>
    public bool HasPadding { get; }

    /// <summary>The X bit.</summary>
    public bool HasExtension { get; }

    /// <summary>Number of CSRC identifiers (0–15).</summary>
    public int CsrcCount { get; }

    /// <summary>The M bit (for audio: first packet of a talkspurt).</summary>
    public bool Marker { get; }

    /// <summary>Payload type (0–127).</summary>
    public byte PayloadType { get; }

    /// <summary>Sequence number.</summary>
    public ushort SequenceNumber { get; }

    /// <summary>RTP timestamp.</summary>
    public uint Timestamp { get; }

    /// <summary>Synchronisation source.</summary>
    public uint Ssrc { get; }

    /// <summary>The raw CSRC list (4 bytes each); read one with <see cref="GetCsrc"/>.</summary>
    public ReadOnlySpan<byte> CsrcList { get; }

    /// <summary>The header extension's profile-defined 16 bits (0 without extension).</summary>
    public ushort ExtensionProfile { get; }

    /// <summary>The header extension's data words, without its 4-byte preamble (empty without extension).</summary>
    public ReadOnlySpan<byte> ExtensionData { get; }

    /// <summary>Bytes before the payload: fixed header, CSRCs and extension.</summary>
    public int HeaderLength { get; }

    /// <summary>The payload, without padding.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Padding bytes after the payload (0 when the P bit is clear).</summary>
    public int PaddingLength { get; }

    /// <summary>The CSRC at <paramref name="index"/> (0 ≤ index &lt; <see cref="CsrcCount"/>).</summary>
    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(CsrcList[(4 * index)..]);
    }

    /// <summary>
    /// Parses and validates <paramref name="data"/> (one UDP datagram). Never throws: malformed
    /// input gives a status other than <see cref="RtpParseStatus.Ok"/> and a default packet.
    /// </summary>
    public static RtpParseStatus TryParse(ReadOnlySpan<byte> data, out RtpPacket packet)
    {
        packet = default;
        if (data.Length < FixedHeaderSize)
        {
            return RtpParseStatus.TooShort;
        }

        var b0 = data[0];
        if (b0 >> 6 != RtpVersion)
        {
            return RtpParseStatus.BadVersion;
        }

        var headerLength = FixedHeaderSize + (4 * (b0 & 0x0F));
        if (headerLength > data.Length)
        {
            return RtpParseStatus.TruncatedCsrcList;
        }

        var extension = ReadOnlySpan<byte>.Empty;
        if ((b0 & 0x10) != 0)
        {
            if (headerLength + 4 > data.Length)
            {
                return RtpParseStatus.TruncatedExtension;
            }

            var words = BinaryPrimitives.ReadUInt16BigEndian(data[(headerLength + 2)..]);
            var extensionEnd = headerLength + 4 + (4 * words);
            if (extensionEnd > data.Length)
            {
                return RtpParseStatus.TruncatedExtension;
            }

            extension = data[(headerLength + 4)..extensionEnd];
            headerLength = extensionEnd;
        }

        var payloadLength = data.Length - headerLength;
        if ((b0 & 0x20) != 0)
        {
            // The last byte counts the padding, itself included, so it can be neither 0 nor reach into the header.
            var padding = data[^1];
            if (padding == 0 || padding > payloadLength)
            {
                return RtpParseStatus.BadPadding;
            }

            payloadLength -= padding;
        }

        packet = new RtpPacket(data, headerLength, payloadLength, extension);
        return RtpParseStatus.Ok;
    }
}
