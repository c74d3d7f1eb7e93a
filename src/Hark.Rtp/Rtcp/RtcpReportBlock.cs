using System.Buffers.Binary;

namespace Hark.Rtp.Rtcp;

/// <summary>One reception report block of an SR or RR (RFC 3550 section 6.4.1).</summary>
/// <param name="Ssrc">The source this block reports on.</param>
/// <param name="FractionLost">Packets lost since the previous report, as a fraction of 256.</param>
/// <param name="CumulativeLost">Packets lost since reception began, a 24-bit signed value (duplicates can make it negative).</param>
/// <param name="ExtendedHighestSequence">Highest sequence number received, with the wrap count in the top 16 bits.</param>
/// <param name="Jitter">Interarrival jitter in timestamp units.</param>
/// <param name="LastSenderReport">Middle 32 bits of the NTP timestamp of the last SR received from the source (0 if none).</param>
/// <param name="DelaySinceLastSenderReport">Time since that SR, in units of 1/65536 s (0 if none).</param>
public readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    /// <summary>Size of a block on the wire.</summary>
    public const int Size = 24;

    /// <summary>Largest cumulative loss the 24-bit field holds.</summary>
    public const int MaxCumulativeLost = 0x7FFFFF;

    /// <summary>Smallest cumulative loss the 24-bit field holds.</summary>
    public const int MinCumulativeLost = -0x800000;

    /// <summary>Reads a block from the first 24 bytes of <paramref name="source"/> (the caller checks the length).</summary>
    internal static RtcpReportBlock Read(ReadOnlySpan<byte> source)
    {
        var lossWord = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);

        // Sign-extend the 24-bit count by shifting it to the top and back.
        var cumulative = (int)(lossWord << 8) >> 8;
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(source),
            (byte)(lossWord >> 24),
            cumulative,
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[20..]));
    }

    /// <summary>Writes the block into the first 24 bytes of <paramref name="destination"/>, clamping the cumulative loss to 24 bits.</summary>
    internal void Write(Span<byte> destination)
    {
        var cumulative = Math.Clamp(CumulativeLost, MinCumulativeLost, MaxCumulativeLost);
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ((uint)FractionLost << 24) | ((uint)cumulative & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
    }
}
