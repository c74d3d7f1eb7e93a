using Hark.Testing;
using System.Buffers.Binary;
using Hark.Rtp.Jitter;
using Hark.Rtp.Rtcp;

namespace Hark.Rtp.Tests;

public sealed class AllocationTests
{
    [Fact]
    public void ParseInsertAndReadOut_TenThousandPackets_AllocateNothing()
    {
        var datagram = new byte[12 + 160];
        RtpPacketWriter.Write(datagram, new RtpHeader(false, 0, 0, 0, 0xABCD), new byte[160]);
        var buffer = new JitterBuffer();
        var concealer = new PacketLossConcealer(buffer.FrameSamples);
        var statistics = new RtpReceiveStatistics(0xABCD, 0);
        var frame = new short[buffer.FrameSamples];
        var audio = 0;

        void Run(int from, int to)
        {
            for (var k = from; k < to; k++)
            {
                // Every 7th packet swaps with the next (reorder), every 50th is lost.
                var sent = k % 7 == 0 ? k + 1 : k % 7 == 1 ? k - 1 : k;
                if (sent % 50 != 49)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), (ushort)sent);
                    BinaryPrimitives.WriteUInt32BigEndian(datagram.AsSpan(4), (uint)(160 * sent));
                    datagram[1] = (byte)(sent % 100 < 50 ? 0 : 8);
                    if (RtpPacket.TryParse(datagram, out var packet) == RtpParseStatus.Ok)
                    {
                        statistics.Receive(packet.SequenceNumber, packet.Timestamp, TimeSpan.FromMilliseconds(20 * k));
                        buffer.Insert(packet, packet.PayloadType == 8 ? G711Codec.Pcma : G711Codec.Pcmu);
                    }
                }

                var kind = buffer.Read(frame);
                concealer.Process(kind, frame);
                audio += kind == JitterFrameKind.Audio ? 1 : 0;
            }
        }

        var next = 0;
        var allocated = Allocations.Least(() =>
        {
            Run(next, next + 2000);
            next += 2000;
        });

        Assert.Equal(0, allocated);
        Assert.True(audio > 11_000);
        // 240 packets (sequence 49, 99, ... 11999) were never sent; the last one's frame is not read yet.
        Assert.Equal(239, buffer.Statistics.LostFrames);
        Assert.Equal(0, buffer.Statistics.Late);
    }
}
