using System.Buffers.Binary;

namespace Hark.Rtp;

/// <summary>Writes RTP packets (RFC 3550 section 5.1) into a caller's buffer.</summary>
public static class RtpPacketWriter
{
    /// <summary>Largest CSRC list the 4-bit CC field can announce.</summary>
    public const int MaxCsrcCount = 15;

    /// <summary>
    /// Writes the header (and CSRC list) and returns its length, so the caller can encode the payload
    /// straight after it without an intermediate buffer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Payload type above 127 or more than 15 CSRCs.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int WriteHeader(Span<byte> destination, RtpHeader header, ReadOnlySpan<uint> csrcs = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(header.PayloadType, (byte)127, nameof(header));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(csrcs.Length, MaxCsrcCount, nameof(csrcs));
        var length = RtpPacket.FixedHeaderSize + (4 * csrcs.Length);
        if (destination.Length < length)
        {
            throw new ArgumentException($"An RTP header with {csrcs.Length} CSRCs needs {length} bytes.", nameof(destination));
        }

        destination[0] = (byte)((RtpPacket.RtpVersion << 6) | csrcs.Length);
        destination[1] = (byte)((header.Marker ? 0x80 : 0) | header.PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], header.SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], header.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], header.Ssrc);
        for (var i = 0; i < csrcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(RtpPacket.FixedHeaderSize + (4 * i))..], csrcs[i]);
        }

        return length;
    }

    /// <summary>Writes header and payload; returns the packet length.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int Write(Span<byte> destination, RtpHeader header, ReadOnlySpan<byte> payload, ReadOnlySpan<uint> csrcs = default)
    {
        var headerLength = RtpPacket.FixedHeaderSize + (4 * csrcs.Length);
        if (destination.Length < headerLength + payload.Length)
        {
            throw new ArgumentException($"The packet needs {headerLength + payload.Length} bytes.", nameof(destination));
        }

        headerLength = WriteHeader(destination, header, csrcs);
        payload.CopyTo(destination[headerLength..]);
        return headerLength + payload.Length;
    }
}
