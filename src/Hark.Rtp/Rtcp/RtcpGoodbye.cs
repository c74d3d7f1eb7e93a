using System.Buffers.Binary;

namespace Hark.Rtp.Rtcp;

/// <summary>A received BYE (RFC 3550 section 6.6): the sources leaving and an optional reason.</summary>
public readonly ref struct RtcpGoodbye
{
    private readonly ReadOnlySpan<byte> _sources;

    private RtcpGoodbye(ReadOnlySpan<byte> sources, ReadOnlySpan<byte> reason)
    {
        _sources = sources;
        Reason = reason;
    }

    /// <summary>Number of SSRC/CSRC identifiers.</summary>
    public int SourceCount => _sources.Length / 4;

    /// <summary>The reason for leaving as raw UTF-8 (empty when none was given).</summary>
    public ReadOnlySpan<byte> Reason { get; }

    /// <summary>The identifier at <paramref name="index"/>.</summary>
    public uint GetSource(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SourceCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_sources[(4 * index)..]);
    }

    /// <summary>Reads a BYE; false when the packet is not one or is shorter than its count says.</summary>
    public static bool TryParse(RtcpPacket packet, out RtcpGoodbye goodbye)
    {
        goodbye = default;
        var sourcesLength = 4 * packet.Count;
        var body = packet.Body;
        if (packet.PacketType != (byte)RtcpPacketType.Goodbye || body.Length < sourcesLength)
        {
            return false;
        }

        var reason = ReadOnlySpan<byte>.Empty;
        if (body.Length > sourcesLength)
        {
            var length = body[sourcesLength];
            if (sourcesLength + 1 + length > body.Length)
            {
                return false;
            }

            reason = body.Slice(sourcesLength + 1, length);
        }

        goodbye = new RtcpGoodbye(body[..sourcesLength], reason);
        return true;
    }
}
