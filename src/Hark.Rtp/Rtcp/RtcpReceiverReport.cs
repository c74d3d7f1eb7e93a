using System.Buffers.Binary;

namespace Hark.Rtp.Rtcp;

/// <summary>A received RR (RFC 3550 section 6.4.2): reporter SSRC and report blocks.</summary>
public readonly ref struct RtcpReceiverReport
{
    private readonly ReadOnlySpan<byte> _blocks;

    private RtcpReceiverReport(uint ssrc, ReadOnlySpan<byte> blocks)
    {
        Ssrc = ssrc;
        _blocks = blocks;
    }

    /// <summary>The reporter's SSRC.</summary>
    public uint Ssrc { get; }

    /// <summary>Number of report blocks.</summary>
    public int ReportCount => _blocks.Length / RtcpReportBlock.Size;

    /// <summary>The report block at <paramref name="index"/>.</summary>
    public RtcpReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportCount);
        return RtcpReportBlock.Read(_blocks[(index * RtcpReportBlock.Size)..]);
    }

    /// <summary>Reads an RR; false when the packet is not one or is shorter than its count says.</summary>
    public static bool TryParse(RtcpPacket packet, out RtcpReceiverReport report)
    {
        report = default;
        var blocksLength = packet.Count * RtcpReportBlock.Size;
        if (packet.PacketType != (byte)RtcpPacketType.ReceiverReport || packet.Body.Length < 4 + blocksLength)
        {
            return false;
        }

        report = new RtcpReceiverReport(BinaryPrimitives.ReadUInt32BigEndian(packet.Body), packet.Body.Slice(4, blocksLength));
        return true;
    }
}
