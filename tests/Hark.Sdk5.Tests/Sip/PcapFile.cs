using System.Buffers.Binary;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>Reads the UDP datagrams of a libpcap file (Ethernet or Linux cooked link, IPv4): what SIPp's play_pcap_audio sends.</summary>
internal static class PcapFile
{
    private const uint MagicMicroseconds = 0xA1B2C3D4;
    private const int LinkEthernet = 1;
    private const int LinkLinuxCooked = 113;
    private const int GlobalHeaderSize = 24;
    private const int RecordHeaderSize = 16;

    public static IReadOnlyList<CapturedDatagram> ReadUdp(string path)
    {
        var file = File.ReadAllBytes(path);
        if (file.Length < GlobalHeaderSize)
        {
            throw new InvalidDataException("Shorter than a pcap header.");
        }

        // Written in the writer's byte order; the magic says which.
        var little = BinaryPrimitives.ReadUInt32LittleEndian(file) == MagicMicroseconds;
        if (!little && BinaryPrimitives.ReadUInt32BigEndian(file) != MagicMicroseconds)
        {
            throw new InvalidDataException("Not a microsecond libpcap file.");
        }

        var link = (int)U32(file.AsSpan(20), little);
        var linkHeader = link switch
        {
            LinkEthernet => 14,
            LinkLinuxCooked => 16,
            _ => throw new InvalidDataException($"Link type {link} is neither Ethernet nor Linux cooked."),
        };

        var datagrams = new List<CapturedDatagram>();
        long? first = null;
        for (var pos = GlobalHeaderSize; pos + RecordHeaderSize <= file.Length;)
        {
            var record = file.AsSpan(pos);
            var micros = (U32(record, little) * 1_000_000L) + U32(record[4..], little);
            var length = (int)U32(record[8..], little);
            var frame = file.AsSpan(pos + RecordHeaderSize, length);
            pos += RecordHeaderSize + length;

            var ethertype = BinaryPrimitives.ReadUInt16BigEndian(frame[(linkHeader - 2)..]);
            var ip = frame[linkHeader..];
            if (ethertype != 0x0800 || ip[9] != 17)
            {
                continue; // not IPv4/UDP
            }

            var udp = ip[((ip[0] & 0x0F) * 4)..];
            var udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
            first ??= micros;
            datagrams.Add(new CapturedDatagram(
                TimeSpan.FromMicroseconds(micros - first.Value),
                BinaryPrimitives.ReadUInt16BigEndian(udp[2..]),
                udp[8..udpLength].ToArray()));
        }

        return datagrams;
    }

    private static uint U32(ReadOnlySpan<byte> bytes, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
}
