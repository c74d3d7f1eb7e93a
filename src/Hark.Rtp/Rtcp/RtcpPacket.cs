namespace Hark.Rtp.Rtcp;

/// <summary>
/// One packet of an RTCP compound packet, as yielded by <see cref="RtcpCompoundReader"/>:
/// the common header <c>V(2) P(1) count(5) | PT(8) | length(16)</c> and the body after it, without padding.
/// Read a known type with <see cref="RtcpSenderReport"/>, <see cref="RtcpReceiverReport"/>,
/// <see cref="RtcpSourceDescription"/> or <see cref="RtcpGoodbye"/>; skip the rest.
/// </summary>
public readonly ref struct RtcpPacket
{
    /// <summary>Size of the common header.</summary>
    public const int HeaderSize = 4;

    internal RtcpPacket(byte count, byte packetType, ReadOnlySpan<byte> body)
    {
        Count = count;
        PacketType = packetType;
        Body = body;
    }

    /// <summary>The 5-bit count field (report blocks, SDES chunks or BYE sources).</summary>
    public byte Count { get; }

    /// <summary>The packet type byte (compare with <see cref="RtcpPacketType"/>).</summary>
    public byte PacketType { get; }

    /// <summary>The packet after its 4-byte header, padding removed.</summary>
    public ReadOnlySpan<byte> Body { get; }
}
