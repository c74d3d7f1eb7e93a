using System.Buffers.Binary;
using System.Text;

namespace Hark.Rtp.Rtcp;

/// <summary>
/// Writes RTCP packets into a caller's buffer and returns their length. A compound packet is the
/// packets written one after the other: an SR or RR first, then SDES with the CNAME (RFC 3550 section 6.1).
/// </summary>
public static class RtcpWriter
{
    /// <summary>Most report blocks one SR or RR carries (the 5-bit count).</summary>
    public const int MaxReportBlocks = 31;

    /// <summary>Writes an SR with <paramref name="blocks"/>.</summary>
    /// <exception cref="ArgumentException">Too many blocks, or <paramref name="destination"/> too short.</exception>
    public static int WriteSenderReport(Span<byte> destination, uint ssrc, RtcpSenderInfo info, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blocks.Length, MaxReportBlocks, nameof(blocks));
        var length = RtcpPacket.HeaderSize + 4 + RtcpSenderInfo.Size + (blocks.Length * RtcpReportBlock.Size);
        WriteHeader(destination, blocks.Length, RtcpPacketType.SenderReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], info.NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], info.RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], info.PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], info.OctetCount);
        WriteBlocks(destination[28..], blocks);
        return length;
    }

    /// <summary>Writes an RR with <paramref name="blocks"/> (none when nothing was received yet).</summary>
    /// <exception cref="ArgumentException">Too many blocks, or <paramref name="destination"/> too short.</exception>
    public static int WriteReceiverReport(Span<byte> destination, uint ssrc, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blocks.Length, MaxReportBlocks, nameof(blocks));
        var length = RtcpPacket.HeaderSize + 4 + (blocks.Length * RtcpReportBlock.Size);
        WriteHeader(destination, blocks.Length, RtcpPacketType.ReceiverReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        WriteBlocks(destination[8..], blocks);
        return length;
    }

    /// <summary>Writes an SDES packet with one chunk holding the CNAME item.</summary>
    /// <exception cref="ArgumentException">The CNAME is empty or over 255 UTF-8 bytes, or <paramref name="destination"/> is too short.</exception>
    public static int WriteSourceDescription(Span<byte> destination, uint ssrc, string cname)
    {
        ArgumentException.ThrowIfNullOrEmpty(cname);
        var textLength = Encoding.UTF8.GetByteCount(cname);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(textLength, byte.MaxValue, nameof(cname));

        // SSRC, CNAME item (type, length, text), then at least one END byte padding the chunk to 32 bits.
        var chunkLength = (4 + 2 + textLength + 1 + 3) & ~3;
        var length = RtcpPacket.HeaderSize + chunkLength;
        WriteHeader(destination, 1, RtcpPacketType.SourceDescription, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        destination[8] = RtcpSourceDescription.CnameItem;
        destination[9] = (byte)textLength;
        Encoding.UTF8.GetBytes(cname, destination.Slice(10, textLength));
        destination[(10 + textLength)..length].Clear();
        return length;
    }

    /// <summary>Writes a BYE for <paramref name="ssrc"/> with an optional reason.</summary>
    /// <exception cref="ArgumentException">The reason is over 255 UTF-8 bytes, or <paramref name="destination"/> is too short.</exception>
    public static int WriteGoodbye(Span<byte> destination, uint ssrc, string? reason = null)
    {
        var reasonLength = string.IsNullOrEmpty(reason) ? 0 : Encoding.UTF8.GetByteCount(reason);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reasonLength, byte.MaxValue, nameof(reason));
        var length = RtcpPacket.HeaderSize + 4 + (reasonLength == 0 ? 0 : (1 + reasonLength + 3) & ~3);
        WriteHeader(destination, 1, RtcpPacketType.Goodbye, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        if (reasonLength > 0)
        {
            destination[8] = (byte)reasonLength;
            Encoding.UTF8.GetBytes(reason!, destination.Slice(9, reasonLength));
            destination[(9 + reasonLength)..length].Clear();
        }

        return length;
    }

    private static void WriteHeader(Span<byte> destination, int count, RtcpPacketType type, int length)
    {
        if (destination.Length < length)
        {
            throw new ArgumentException($"The RTCP packet needs {length} bytes.", nameof(destination));
        }

        destination[0] = (byte)((RtpPacket.RtpVersion << 6) | count);
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((length / 4) - 1));
    }

    private static void WriteBlocks(Span<byte> destination, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i].Write(destination[(i * RtcpReportBlock.Size)..]);
        }
    }
}
