using System.Text;
using Hark.Rtp.Rtcp;

namespace Hark.Rtp.Tests.Rtcp;

public sealed class RtcpRoundTripTests
{
    private static readonly RtcpReportBlock BlockA = new(0xAAAA0001, 51, 2, 0x0001FFFE, 4, 0x456789AB, 32768);
    private static readonly RtcpReportBlock BlockB = new(0xBBBB0002, 0, -3, 17, 0, 0, 0);

    [Fact]
    public void WriteReceiverReport_OneBlock_MatchesHandWrittenBytes()
    {
        var buffer = new byte[64];

        var length = RtcpWriter.WriteReceiverReport(buffer, 0x01020304, [BlockA]);

        // V=2 P=0 RC=1 -> 0x81; PT 201 = 0xC9; length 7 words - 1 = 7 (32 bytes); then the block:
        // SSRC, fraction 51 = 0x33 with cumulative 2 in 24 bits, highest 0x0001FFFE, jitter 4, LSR, DLSR 0x8000.
        Assert.Equal(
            "81C90007" + "01020304" + "AAAA0001" + "33000002" + "0001FFFE" + "00000004" + "456789AB" + "00008000",
            Convert.ToHexString(buffer, 0, length));
    }

    [Fact]
    public void Compound_SenderReportSdesByeAndUnknown_RoundTrips()
    {
        var buffer = new byte[256];
        var info = new RtcpSenderInfo(0x0123456789ABCDEF, 0xFFFFFFF0, 1234, 197440);
        var n = RtcpWriter.WriteSenderReport(buffer, 0x5EED, info, [BlockA, BlockB]);
        n += RtcpWriter.WriteSourceDescription(buffer.AsSpan(n), 0x5EED, "hark@127.0.0.1");
        Convert.FromHexString("80CC0002" + "00005EED" + "4E414D45").CopyTo(buffer, n); // APP packet: skipped by type
        n += 12;
        n += RtcpWriter.WriteGoodbye(buffer.AsSpan(n), 0x5EED, "done");

        var reader = new RtcpCompoundReader(buffer.AsSpan(0, n));
        var types = new List<byte>();
        while (reader.TryRead(out var packet))
        {
            types.Add(packet.PacketType);
            if (RtcpSenderReport.TryParse(packet, out var sr))
            {
                Assert.Equal(0x5EEDu, sr.Ssrc);
                Assert.Equal(info, sr.SenderInfo);
                Assert.Equal(2, sr.ReportCount);
                Assert.Equal(BlockA, sr.GetReportBlock(0));
                Assert.Equal(BlockB, sr.GetReportBlock(1));
            }
            else if (RtcpSourceDescription.TryParse(packet, out var sdes))
            {
                Assert.True(sdes.TryGetCname(0, out var ssrc, out var cname));
                Assert.Equal(0x5EEDu, ssrc);
                Assert.Equal("hark@127.0.0.1", Encoding.UTF8.GetString(cname));
            }
            else if (RtcpGoodbye.TryParse(packet, out var bye))
            {
                Assert.Equal(1, bye.SourceCount);
                Assert.Equal(0x5EEDu, bye.GetSource(0));
                Assert.Equal("done", Encoding.UTF8.GetString(bye.Reason));
            }
        }

        Assert.False(reader.IsMalformed);
        Assert.Equal([200, 202, 204, 203], types);
        Assert.Equal(0, n % 4);
    }

    [Fact]
    public void ReceiverReport_NoBlocks_RoundTrips()
    {
        var buffer = new byte[8];
        RtcpWriter.WriteReceiverReport(buffer, 42, []);

        var reader = new RtcpCompoundReader(buffer);
        Assert.True(reader.TryRead(out var packet));
        Assert.True(RtcpReceiverReport.TryParse(packet, out var rr));
        Assert.Equal(42u, rr.Ssrc);
        Assert.Equal(0, rr.ReportCount);
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void WriteReceiverReport_CumulativeLostBeyond24Bits_IsClamped()
    {
        var buffer = new byte[32];
        RtcpWriter.WriteReceiverReport(buffer, 1, [BlockB with { CumulativeLost = 50_000_000 }]);
        var reader = new RtcpCompoundReader(buffer);
        Assert.True(reader.TryRead(out var packet));
        Assert.True(RtcpReceiverReport.TryParse(packet, out var rr));

        Assert.Equal(RtcpReportBlock.MaxCumulativeLost, rr.GetReportBlock(0).CumulativeLost);
        Assert.Equal("7FFFFF", Convert.ToHexString(buffer, 13, 3));
    }

    [Fact]
    public void WriteSourceDescription_CnameLengthMultipleOfFour_StillEndsWithNullByte()
    {
        var buffer = new byte[64];

        // 4 (SSRC) + 2 + 2 bytes of text = 8: the END byte needs a whole extra word.
        var length = RtcpWriter.WriteSourceDescription(buffer, 9, "ab");

        Assert.Equal("81CA0003" + "00000009" + "01026162" + "00000000", Convert.ToHexString(buffer, 0, length));
    }

    [Theory]
    [InlineData("40C90001", false)]
    [InlineData("81C90007010203", false)]
    [InlineData("81C9000701020304", false)]
    [InlineData("A0C90001" + "00000000", false)]
    [InlineData("A0C90001" + "00000005", false)]
    [InlineData("A0C90001" + "00000004", true)]
    public void TryRead_MalformedOrPadded_StopsWithoutThrowing(string hex, bool readsOne)
    {
        var reader = new RtcpCompoundReader(Convert.FromHexString(hex));

        Assert.Equal(readsOne, reader.TryRead(out var packet));
        Assert.Equal(!readsOne, reader.IsMalformed);
        Assert.True(packet.Body.IsEmpty);
    }

    [Fact]
    public void TryParse_CountLargerThanBody_ReturnsFalse()
    {
        var reader = new RtcpCompoundReader(Convert.FromHexString("82C90001" + "00000001"));
        Assert.True(reader.TryRead(out var packet));

        Assert.False(RtcpReceiverReport.TryParse(packet, out _));
        Assert.False(RtcpSenderReport.TryParse(packet, out _));
    }

    [Fact]
    public void NtpTimestamp_FromDateTimeOffset_CountsFrom1900()
    {
        var ntp = NtpTimestamp.FromDateTimeOffset(new DateTimeOffset(1970, 1, 1, 0, 0, 0, 500, TimeSpan.Zero));

        Assert.Equal((2_208_988_800UL << 32) | 0x80000000, ntp);
        Assert.Equal((uint)(((2_208_988_800UL & 0xFFFF) << 16) | 0x8000), NtpTimestamp.Middle32(ntp));
    }
}
