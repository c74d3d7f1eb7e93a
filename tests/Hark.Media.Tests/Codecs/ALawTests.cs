using Hark.Media.Codecs;

namespace Hark.Media.Tests.Codecs;

public sealed class ALawTests : G711ContractTests
{
    private protected override G711Reference Reference => G711Reference.ALaw;

    private protected override int SoxDecisionShift => 4;

    private protected override int NegativeZeroCode => -1;

    // Values printed in ITU-T G.711 Table 1 (A-law), scaled from the 13-bit table units by 8.
    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xD4, 24)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xC5, 264)]
    public void Decode_TableEntry_MatchesG711(byte code, short expected) => Assert.Equal(expected, ALaw.Decode(code));

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(15, 0xD5)]
    [InlineData(16, 0xD4)]
    [InlineData(-1, 0x55)]
    [InlineData(-16, 0x55)]
    [InlineData(-17, 0x54)]
    [InlineData(short.MaxValue, 0xAA)]
    [InlineData(short.MinValue, 0x2A)]
    public void Encode_NearZeroAndExtremes_GivesG711Code(short sample, byte expected) => Assert.Equal(expected, ALaw.Encode(sample));

    private protected override byte Encode(short sample) => ALaw.Encode(sample);

    private protected override short Decode(byte code) => ALaw.Decode(code);

    private protected override void Encode(ReadOnlySpan<short> src, Span<byte> dst) => ALaw.Encode(src, dst);

    private protected override void Decode(ReadOnlySpan<byte> src, Span<short> dst) => ALaw.Decode(src, dst);
}
