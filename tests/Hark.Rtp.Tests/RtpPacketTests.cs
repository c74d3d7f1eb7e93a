using Hark.Rtp;

namespace Hark.Rtp.Tests;

public sealed class RtpPacketTests
{
    // RFC 3550 5.1 by hand: V=2 P=0 X=0 CC=0 -> 0x80; M=1 PT=0 -> 0x80; seq 0x1234; ts 0xDEADBEEF; SSRC 0x01020304.
    private static readonly byte[] MinimalPacket = Convert.FromHexString("8080" + "1234" + "DEADBEEF" + "01020304" + "FF7F00");

    [Fact]
    public void TryParse_HandWrittenHeader_ReadsEveryField()
    {
        Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(MinimalPacket, out var packet));

        Assert.False(packet.HasPadding);
        Assert.False(packet.HasExtension);
        Assert.Equal(0, packet.CsrcCount);
        Assert.True(packet.Marker);
        Assert.Equal(0, packet.PayloadType);
        Assert.Equal(0x1234, packet.SequenceNumber);
        Assert.Equal(0xDEADBEEFu, packet.Timestamp);
        Assert.Equal(0x01020304u, packet.Ssrc);
        Assert.Equal(12, packet.HeaderLength);
        Assert.Equal("FF7F00", Convert.ToHexString(packet.Payload));
        Assert.Equal(0, packet.PaddingLength);
    }

    [Fact]
    public void TryParse_CsrcExtensionAndPadding_SlicesPayloadBetweenThem()
    {
        // V=2 P=1 X=1 CC=2 -> 0xB2; M=0 PT=8 -> 0x08; two CSRCs; extension profile 0xBEDE, 1 word;
        // payload 2 bytes; 3 padding bytes, the last one counting them.
        var bytes = Convert.FromHexString(
            "B208" + "FFFF" + "00000001" + "CAFEBABE" + "0000000A" + "0000000B" + "BEDE0001" + "11223344" + "D5D5" + "000003");

        Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(bytes, out var packet));

        Assert.True(packet.HasPadding);
        Assert.True(packet.HasExtension);
        Assert.False(packet.Marker);
        Assert.Equal(8, packet.PayloadType);
        Assert.Equal(65535, packet.SequenceNumber);
        Assert.Equal(2, packet.CsrcCount);
        Assert.Equal(0x0Au, packet.GetCsrc(0));
        Assert.Equal(0x0Bu, packet.GetCsrc(1));
        Assert.Equal(0xBEDE, packet.ExtensionProfile);
        Assert.Equal("11223344", Convert.ToHexString(packet.ExtensionData));
        Assert.Equal(12 + 8 + 8, packet.HeaderLength);
        Assert.Equal("D5D5", Convert.ToHexString(packet.Payload));
        Assert.Equal(3, packet.PaddingLength);
    }

    [Theory]
    [InlineData("", RtpParseStatus.TooShort)]
    [InlineData("80000001000000010000", RtpParseStatus.TooShort)]
    [InlineData("400000010000000100000001", RtpParseStatus.BadVersion)]
    [InlineData("C00000010000000100000001", RtpParseStatus.BadVersion)]
    [InlineData("810000010000000100000001", RtpParseStatus.TruncatedCsrcList)]
    [InlineData("900000010000000100000001", RtpParseStatus.TruncatedExtension)]
    [InlineData("90000001000000010000000100000001", RtpParseStatus.TruncatedExtension)]
    [InlineData("A00000010000000100000001", RtpParseStatus.BadPadding)]
    [InlineData("A00000010000000100000001AA00", RtpParseStatus.BadPadding)]
    [InlineData("A00000010000000100000001AA03", RtpParseStatus.BadPadding)]
    public void TryParse_Malformed_ReturnsStatusWithoutThrowing(string hex, RtpParseStatus expected)
    {
        Assert.Equal(expected, RtpPacket.TryParse(Convert.FromHexString(hex), out var packet));
        Assert.True(packet.Payload.IsEmpty);
    }

    [Fact]
    public void TryParse_PaddingEqualToWholePayload_GivesEmptyPayload()
    {
        var bytes = Convert.FromHexString("A00000010000000100000001" + "0002");

        Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(bytes, out var packet));
        Assert.True(packet.Payload.IsEmpty);
        Assert.Equal(2, packet.PaddingLength);
    }

    [Fact]
    public void Write_Header_MatchesHandWrittenBytes()
    {
        var buffer = new byte[64];

        var length = RtpPacketWriter.Write(buffer, new RtpHeader(true, 0, 0x1234, 0xDEADBEEF, 0x01020304), [0xFF, 0x7F, 0x00]);

        Assert.Equal(MinimalPacket, buffer[..length]);
    }

    [Fact]
    public void Write_WithCsrcs_SetsCountAndListAndRoundTrips()
    {
        var buffer = new byte[64];

        var length = RtpPacketWriter.Write(buffer, new RtpHeader(false, 101, 7, 8, 9), [0xAB], [0x0A, 0x0B]);

        Assert.Equal("8265" + "0007" + "00000008" + "00000009" + "0000000A" + "0000000B" + "AB", Convert.ToHexString(buffer, 0, length));
        Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(buffer.AsSpan(0, length), out var packet));
        Assert.Equal(0x0Bu, packet.GetCsrc(1));
        Assert.Equal("AB", Convert.ToHexString(packet.Payload));
    }

    [Fact]
    public void Write_DestinationTooShort_Throws() =>
        Assert.Throws<ArgumentException>(() => RtpPacketWriter.Write(new byte[14], new RtpHeader(false, 0, 0, 0, 0), new byte[3]));

    [Fact]
    public void WriteHeader_PayloadTypeOver127_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpPacketWriter.WriteHeader(new byte[12], new RtpHeader(false, 128, 0, 0, 0)));
}
