using System.Buffers.Binary;

namespace Hark.Rtp.Rtcp;

/// <summary>
/// Walks the packets of one RTCP compound datagram (RFC 3550 section 6.1). Never throws: it stops
/// at the end or at the first malformed packet, and <see cref="IsMalformed"/> tells which.
/// </summary>
/// <remarks>Unknown packet types are yielded like the others, so the caller skips them by type.</remarks>
public ref struct RtcpCompoundReader
{
    private ReadOnlySpan<byte> _remaining;

    /// <summary>Starts reading <paramref name="datagram"/>.</summary>
    public RtcpCompoundReader(ReadOnlySpan<byte> datagram)
    {
        _remaining = datagram;
        IsMalformed = false;
    }

    /// <summary>
    /// True when reading stopped on a malformed packet (version not 2, length beyond the datagram,
    /// bad padding); the packets read before it were well-formed.
    /// </summary>
    public bool IsMalformed { get; private set; }

    /// <summary>Reads the next packet; false at the end of the datagram or on a malformed packet.</summary>
    public bool TryRead(out RtcpPacket packet)
    {
        packet = default;
        if (_remaining.IsEmpty || IsMalformed)
        {
            return false;
        }

        if (_remaining.Length < RtcpPacket.HeaderSize || _remaining[0] >> 6 != RtpPacket.RtpVersion)
        {
            return Fail();
        }

        var length = (BinaryPrimitives.ReadUInt16BigEndian(_remaining[2..]) + 1) * 4;
        if (length > _remaining.Length)
        {
            return Fail();
        }

        var body = _remaining[RtcpPacket.HeaderSize..length];
        if ((_remaining[0] & 0x20) != 0)
        {
            var padding = _remaining[length - 1];
            if (padding == 0 || padding > body.Length)
            {
                return Fail();
            }

            body = body[..^padding];
        }

        packet = new RtcpPacket((byte)(_remaining[0] & 0x1F), _remaining[1], body);
        _remaining = _remaining[length..];
        return true;
    }

    private bool Fail()
    {
        IsMalformed = true;
        _remaining = default;
        return false;
    }
}
