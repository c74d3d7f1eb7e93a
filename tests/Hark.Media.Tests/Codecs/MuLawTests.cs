using Hark.Media.Codecs;

namespace Hark.Media.Tests.Codecs;

public sealed class MuLawTests : G711ContractTests
{
    private protected override G711Reference Reference => G711Reference.MuLaw;

    private protected override int SoxDecisionShift => 2;

    private protected override int NegativeZeroCode => 0x7F;

    // Values printed in ITU-T G.711 Table 2 (mu-law), scaled from the 14-bit table units by 4.
    [Theory]
    [InlineData(0x00, -32124)]
    [InlineData(0x80, 32124)]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0xFE, 8)]
    [InlineData(0x7E, -8)]
    [InlineData(0xF0, 120)]
    [InlineData(0xEF, 132)]
    public void Decode_TableEntry_MatchesG711(byte code, short expected) => Assert.Equal(expected, MuLaw.Decode(code));

    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(3, 0xFF)]
    [InlineData(4, 0xFE)]
    [InlineData(-1, 0x7F)]
    [InlineData(-4, 0x7F)]
    [InlineData(-5, 0x7E)]
    [InlineData(short.MaxValue, 0x80)]
    [InlineData(short.MinValue, 0x00)]
    public void Encode_NearZeroAndExtremes_GivesG711Code(short sample, byte expected) => Assert.Equal(expected, MuLaw.Encode(sample));

    private protected override byte Encode(short sample) => MuLaw.Encode(sample);

    private protected override short Decode(byte code) => MuLaw.Decode(code);

    private protected override void Encode(ReadOnlySpan<short> src, Span<byte> dst) => MuLaw.Encode(src, dst);

    private protected override void Decode(ReadOnlySpan<byte> src, Span<short> dst) => MuLaw.Decode(src, dst);
}
