namespace Hark.Media.Tests.Codecs;

/// <summary>Checks shared by both G.711 laws; each law's test class supplies its codec and reference.</summary>
public abstract class G711ContractTests
{
    private protected abstract G711Reference Reference { get; }

    // sox rounds to 14 (mu-law) / 13 (A-law) bits before quantising, moving its decisions by up to this much.
    private protected abstract int SoxDecisionShift { get; }

    /// <summary>The code that decodes to 0 but is negative, so encoding 0 cannot return it; -1 if none.</summary>
    private protected abstract int NegativeZeroCode { get; }

    private protected abstract byte Encode(short sample);

    private protected abstract short Decode(byte code);

    private protected abstract void Encode(ReadOnlySpan<short> src, Span<byte> dst);

    private protected abstract void Decode(ReadOnlySpan<byte> src, Span<short> dst);

    [Fact]
    public void Decode_EveryCode_MatchesSox()
    {
        for (var code = 0; code < 256; code++)
        {
            Assert.True(Reference.SoxDecode[code] == Decode((byte)code), $"code 0x{code:X2}");
        }
    }

    [Fact]
    public void Decode_EveryCode_IsAG711OutputLevelWithTheCodeSign()
    {
        for (var code = 0; code < 256; code++)
        {
            var value = Decode((byte)code);
            var positive = (code & 0x80) != 0;
            var matches = Enumerable.Range(0, 128).Count(k => Reference.Level(k) == Math.Abs(value));
            Assert.True(matches == 1, $"code 0x{code:X2} -> {value} is not a G.711 level");
            Assert.True(value == 0 || positive == value > 0, $"code 0x{code:X2} -> {value} has the wrong sign");
        }
    }

    [Fact]
    public void Encode_EveryInt16_FallsInTheG711IntervalWithTheInputSign()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            var code = Encode((short)x);
            var (index, onDecision) = Reference.Quantize(x);
            Assert.True((code & 0x80) != 0 == x >= 0, $"{x} -> 0x{code:X2}: sign bit");
            if (onDecision && x < 0)
            {
                // A negative decision value may go either way; the mirror test pins it down.
                continue;
            }

            // A non-negative input exactly on a decision value goes to the interval above it (as ITU-T G.191 does).
            var expected = x < 0 ? -Reference.Level(index) : Reference.Level(index);
            Assert.True(expected == Decode(code), $"{x} -> 0x{code:X2} decodes to {Decode(code)}, G.711 level is {expected}");
        }
    }

    [Fact]
    public void Encode_MirroredInputs_DifferOnlyInSignBit()
    {
        // Two's complement is symmetric about -0.5, so x and -1-x are the same magnitude.
        for (var x = 0; x <= short.MaxValue; x++)
        {
            Assert.Equal(Encode((short)x) ^ 0x80, Encode((short)(-1 - x)));
        }
    }

    [Fact]
    public void Encode_EveryInt16_MatchesSoxAwayFromDecisionValues()
    {
        var decisions = Reference.DecisionValues.SelectMany(d => new[] { d, -d }).Append(0).Order().ToArray();
        var disagreements = 0;
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            var sox = Reference.SoxEncode[x + 32768];
            if (sox == Encode((short)x))
            {
                continue;
            }

            disagreements++;
            var distance = decisions.Min(d => Math.Abs(d - x));
            Assert.True(distance <= SoxDecisionShift, $"{x}: sox 0x{sox:X2}, ours 0x{Encode((short)x):X2}, {distance} from a decision value");
        }

        // sox's half-step shift must show up, or this test compares nothing.
        Assert.InRange(disagreements, 1, 255 * SoxDecisionShift);
    }

    [Fact]
    public void Encode_DecodedValueOfEveryCode_ReturnsTheCode()
    {
        for (var code = 0; code < 256; code++)
        {
            var expected = code == NegativeZeroCode ? code | 0x80 : code;
            Assert.True(expected == Encode(Decode((byte)code)), $"code 0x{code:X2}");
        }
    }

    [Fact]
    public void EncodeDecode_EveryInt16_ErrorWithinHalfAStep()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            var (index, _) = Reference.Quantize(x);
            var error = Math.Abs(Decode(Encode((short)x)) - x);
            var overload = Math.Abs(x) - Reference.Level(127);
            Assert.True(error <= Reference.HalfWidth(index) || error == overload, $"{x}: error {error}");
        }
    }

    [Fact]
    public void EncodeSpan_WholeRange_MatchesScalar()
    {
        var src = new short[65536];
        for (var i = 0; i < src.Length; i++)
        {
            src[i] = (short)(i - 32768);
        }

        var dst = new byte[src.Length + 1];
        dst[^1] = 0x5A;
        Encode(src, dst);
        for (var i = 0; i < src.Length; i++)
        {
            Assert.Equal(Encode(src[i]), dst[i]);
        }

        Assert.Equal(0x5A, dst[^1]);
    }

    [Fact]
    public void DecodeSpan_AllCodes_MatchesScalar()
    {
        var src = new byte[256];
        for (var i = 0; i < src.Length; i++)
        {
            src[i] = (byte)i;
        }

        var dst = new short[256];
        Decode(src, dst);
        for (var i = 0; i < src.Length; i++)
        {
            Assert.Equal(Reference.SoxDecode[i], dst[i]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(160)]
    [InlineData(511)]
    public void DecodeSpan_AnyLengthAndOffset_MatchesScalar(int length)
    {
        // The span decoder runs 16-code vector blocks plus a scalar tail: every code must land in
        // every block position, and the tail must be right whatever the length.
        var src = new byte[length + 3];
        for (var i = 0; i < src.Length; i++)
        {
            src[i] = (byte)((i * 37) + 11);
        }

        for (var offset = 0; offset < 3; offset++)
        {
            var dst = new short[length + 1];
            dst[^1] = 12345;
            Decode(src.AsSpan(offset, length), dst);
            for (var i = 0; i < length; i++)
            {
                Assert.Equal(Decode(src[offset + i]), dst[i]);
            }

            Assert.Equal(12345, dst[^1]);
        }
    }

    [Fact]
    public void EncodeSpan_DestinationTooShort_Throws() =>
        Assert.Throws<ArgumentException>(() => Encode(new short[160], new byte[159]));

    [Fact]
    public void DecodeSpan_DestinationTooShort_Throws() =>
        Assert.Throws<ArgumentException>(() => Decode(new byte[160], new short[159]));
}
