using System.Buffers.Binary;

namespace Hark.Rtp.Rtcp;

/// <summary>A received SDES packet (RFC 3550 section 6.5). Hark reads only the CNAME items.</summary>
public readonly ref struct RtcpSourceDescription
{
    /// <summary>Item type of the end of a chunk's item list.</summary>
    public const byte EndItem = 0;

    /// <summary>Item type CNAME.</summary>
    public const byte CnameItem = 1;

    private readonly ReadOnlySpan<byte> _body;

    private RtcpSourceDescription(int chunkCount, ReadOnlySpan<byte> body)
    {
        ChunkCount = chunkCount;
        _body = body;
    }

    /// <summary>Number of chunks the header announces.</summary>
    public int ChunkCount { get; }

    /// <summary>Reads an SDES header; false when the packet is not SDES. Chunks are checked as they are searched.</summary>
    public static bool TryParse(RtcpPacket packet, out RtcpSourceDescription description)
    {
        description = default;
        if (packet.PacketType != (byte)RtcpPacketType.SourceDescription)
        {
            return false;
        }

        description = new RtcpSourceDescription(packet.Count, packet.Body);
        return true;
    }

    /// <summary>
    /// Finds the CNAME of the chunk at <paramref name="chunkIndex"/>: its SSRC and the raw UTF-8 text.
    /// False when the chunk or its CNAME is missing or the chunk is malformed.
    /// </summary>
    public bool TryGetCname(int chunkIndex, out uint ssrc, out ReadOnlySpan<byte> cname)
    {
        ssrc = 0;
        cname = default;
        var rest = _body;
        for (var chunk = 0; chunk < ChunkCount; chunk++)
        {
            if (rest.Length < 4)
            {
                return false;
            }

            var chunkSsrc = BinaryPrimitives.ReadUInt32BigEndian(rest);
            var position = 4;
            var found = false;
            ReadOnlySpan<byte> text = default;

            // Items until an END byte; the chunk then pads to the next 32-bit boundary.
            while (true)
            {
                if (position >= rest.Length)
                {
                    return false;
                }

                var type = rest[position];
                if (type == EndItem)
                {
                    position++;
                    break;
                }

                if (position + 2 > rest.Length || position + 2 + rest[position + 1] > rest.Length)
                {
                    return false;
                }

                var itemLength = rest[position + 1];
                if (type == CnameItem && !found)
                {
                    found = true;
                    text = rest.Slice(position + 2, itemLength);
                }

                position += 2 + itemLength;
            }

            if (chunk == chunkIndex)
            {
                ssrc = chunkSsrc;
                cname = text;
                return found;
            }

            position = (position + 3) & ~3;
            if (position > rest.Length)
            {
                return false;
            }

            rest = rest[position..];
        }

        return false;
    }
}
