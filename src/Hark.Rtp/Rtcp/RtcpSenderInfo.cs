namespace Hark.Rtp.Rtcp;

/// <summary>The sender information of an SR (RFC 3550 section 6.4.1).</summary>
/// <param name="NtpTimestamp">Wall-clock time of the report, 64-bit NTP format (see <see cref="NtpTimestamp"/>).</param>
/// <param name="RtpTimestamp">The same instant in the sender's RTP timestamp units.</param>
/// <param name="PacketCount">RTP packets sent since the start.</param>
/// <param name="OctetCount">RTP payload octets sent since the start.</param>
public readonly record struct RtcpSenderInfo(ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>Size on the wire.</summary>
    public const int Size = 20;
}
