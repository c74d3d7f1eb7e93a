using System.Buffers.Binary;

namespace Hark.Rtp.Rtcp;

/// <summary>A received SR (RFC 3550 section 6.4.1): sender SSRC, sender information and report blocks.</summary>
public readonly ref struct RtcpSenderReport
{
    private const int FixedBodySize = 4 + RtcpSenderInfo.Size;

    private readonly ReadOnlySpan<byte> _blocks;

    private RtcpSenderReport(uint ssrc, RtcpSenderInfo info, ReadOnlySpan<byte> blocks)
    {
        Ssrc = ssrc;
        SenderInfo = info;
        _blocks = blocks;
    }

    /// <summary>The sender's SSRC.</summary>
    public uint Ssrc { get; }

    /// <summary>The sender information.</summary>
    public RtcpSenderInfo SenderInfo { get; }

    /// <summary>Number of report blocks.</summary>
    public int ReportCount => _blocks.Length / RtcpReportBlock.Size;

    /// <summary>The report block at <paramref name="index"/>.</summary>
    public RtcpReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportCount);
        return RtcpReportBlock.Read(_blocks[(index * RtcpReportBlock.Size)..]);
    }

    /// <summary>Reads an SR; false when the packet is not one or is shorter than its count says.</summary>
    public static bool TryParse(RtcpPacket packet, out RtcpSenderReport report)
    {
        report = default;
        var blocksLength = packet.Count * RtcpReportBlock.Size;
        if (packet.PacketType != (byte)RtcpPacketType.SenderReport || packet.Body.Length < FixedBodySize + blocksLength)
        {
            return false;
        }

        var body = packet.Body;
        var info = new RtcpSenderInfo(
            BinaryPrimitives.ReadUInt64BigEndian(body[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[20..]));
        report = new RtcpSenderReport(BinaryPrimitives.ReadUInt32BigEndian(body), info, body.Slice(FixedBodySize, blocksLength));
        return true;
    }
}
