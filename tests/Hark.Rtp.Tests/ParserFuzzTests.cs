using Hark.Rtp.Rtcp;

namespace Hark.Rtp.Tests;

public sealed class ParserFuzzTests
{
    [Fact]
    public void RtpTryParse_RandomAndMutatedBytes_NeverThrowsAndStaysInBounds()
    {
        var random = new Random(1234);
        var buffer = new byte[300];
        var ok = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var length = random.Next(0, buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (i % 2 == 0 && length > 0)
            {
                buffer[0] = (byte)(0x80 | (buffer[0] & 0x3F)); // version 2 half the time, to reach deeper checks
            }

            var data = buffer.AsSpan(0, length);
            if (RtpPacket.TryParse(data, out var packet) == RtpParseStatus.Ok)
            {
                ok++;
                Assert.Equal(length, packet.HeaderLength + packet.Payload.Length + packet.PaddingLength);
            }
        }

        Assert.True(ok > 1000);
    }

    [Fact]
    public void RtcpReader_RandomAndMutatedBytes_NeverThrows()
    {
        var random = new Random(4321);
        var buffer = new byte[400];
        var packets = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var length = random.Next(0, buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (i % 2 == 0 && length >= 4)
            {
                // Plausible headers: version 2, a known type, a length that fits.
                buffer[0] = (byte)(0x80 | (buffer[0] & 0x3F));
                buffer[1] = (byte)(200 + (buffer[1] % 5));
                buffer[2] = 0;
                buffer[3] = (byte)random.Next(0, (length / 4) + 1);
            }

            packets += ReadAll(buffer.AsSpan(0, length));
        }

        Assert.True(packets > 1000);
    }

    private static int ReadAll(ReadOnlySpan<byte> datagram)
    {
        var count = 0;
        var reader = new RtcpCompoundReader(datagram);
        while (reader.TryRead(out var packet))
        {
            count++;
            if (RtcpSenderReport.TryParse(packet, out var sr))
            {
                for (var i = 0; i < sr.ReportCount; i++)
                {
                    _ = sr.GetReportBlock(i);
                }
            }
            else if (RtcpReceiverReport.TryParse(packet, out var rr))
            {
                for (var i = 0; i < rr.ReportCount; i++)
                {
                    _ = rr.GetReportBlock(i);
                }
            }
            else if (RtcpSourceDescription.TryParse(packet, out var sdes))
            {
                for (var i = 0; i < sdes.ChunkCount + 1; i++)
                {
                    _ = sdes.TryGetCname(i, out _, out _);
                }
            }
            else if (RtcpGoodbye.TryParse(packet, out var bye))
            {
                for (var i = 0; i < bye.SourceCount; i++)
                {
                    _ = bye.GetSource(i);
                }
            }
        }

        return count;
    }
}
