namespace Hark.Media.Codecs;

/// <summary>
/// ITU-T G.711 mu-law (PCMU) between 16-bit linear PCM and 8-bit codes. The decoder output is the
/// G.711 reconstruction value scaled by 4 (0x00 decodes to -32124, 0xFF to 0).
/// </summary>
/// <remarks>
/// The encoder keeps the 14 most significant bits as G.711 does, and uses the one's complement for
/// negative inputs (as ITU-T G.191 does) so that inputs x and -1-x get mirrored codes; every input that
/// lies inside a G.711 quantisation interval gets that interval's code.
/// </remarks>
public static class MuLaw
{
    // The code depends only on input >> 2, so 16 K entries cover the whole int16 range.
    private const int EncodeTableOffset = 8192;

    private static readonly short[] DecodeTable = BuildDecodeTable();
    private static readonly byte[] EncodeTable = BuildEncodeTable();

    /// <summary>Encodes one 16-bit linear sample.</summary>
    public static byte Encode(short sample) => EncodeTable[(sample >> 2) + EncodeTableOffset];

    /// <summary>Decodes one mu-law code.</summary>
    public static short Decode(byte code) => DecodeTable[code];

    /// <summary>Encodes <paramref name="src"/> into the first <c>src.Length</c> bytes of <paramref name="dst"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="dst"/> is shorter than <paramref name="src"/>.</exception>
    public static void Encode(ReadOnlySpan<short> src, Span<byte> dst) =>
        G711Span.Encode(src, dst, EncodeTable, 2, EncodeTableOffset);

    /// <summary>Decodes <paramref name="src"/> into the first <c>src.Length</c> samples of <paramref name="dst"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="dst"/> is shorter than <paramref name="src"/>.</exception>
    public static void Decode(ReadOnlySpan<byte> src, Span<short> dst)
    {
        G711Span.CheckDestination(src.Length, dst.Length, nameof(dst));
        var done = G711Vector.IsSupported ? G711Vector.DecodeMuLaw(src, dst) : 0;
        G711Span.DecodeFrom(done, src, dst, DecodeTable);
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var code = 0; code < 256; code++)
        {
            // Codes are transmitted inverted; after inversion: sign(1 = negative), 3-bit segment, 4-bit step.
            var u = ~code & 0xFF;
            var segment = (u >> 4) & 0x07;
            var step = u & 0x0F;
            var magnitude = (((step << 3) + 0x84) << segment) - 0x84;
            table[code] = (short)((u & 0x80) != 0 ? -magnitude : magnitude);
        }

        return table;
    }

    private static byte[] BuildEncodeTable()
    {
        var table = new byte[2 * EncodeTableOffset];
        for (var q = -EncodeTableOffset; q < EncodeTableOffset; q++)
        {
            table[q + EncodeTableOffset] = EncodeQuantized(q);
        }

        return table;
    }

    // q is the input's top 14 bits (two's complement).
    private static byte EncodeQuantized(int q)
    {
        var magnitude = q >= 0 ? q : ~q;

        // The bias 33 lines every segment up on a power of two; 8158 + 33 is the largest 13-bit value.
        var biased = Math.Min(magnitude, 8158) + 33;
        var segment = (31 - int.LeadingZeroCount(biased)) - 5;
        var step = (biased >> (segment + 1)) & 0x0F;
        var code = (segment << 4) | step;
        return (byte)(code ^ (q >= 0 ? 0xFF : 0x7F));
    }
}
