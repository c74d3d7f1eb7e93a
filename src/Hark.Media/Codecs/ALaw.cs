namespace Hark.Media.Codecs;

/// <summary>
/// ITU-T G.711 A-law (PCMA) between 16-bit linear PCM and 8-bit codes. The decoder output is the
/// G.711 reconstruction value scaled by 8 (0xD5 decodes to 8, 0x55 to -8, 0xAA to 32256).
/// </summary>
/// <remarks>
/// The encoder keeps the 13 most significant bits as G.711 does and uses the one's complement for
/// negative inputs (as ITU-T G.191 does), so inputs x and -1-x get mirrored codes.
/// </remarks>
public static class ALaw
{
    // The code depends only on input >> 3, so 8 K entries cover the whole int16 range.
    private const int EncodeTableOffset = 4096;

    private static readonly short[] DecodeTable = BuildDecodeTable();
    private static readonly byte[] EncodeTable = BuildEncodeTable();

    /// <summary>Encodes one 16-bit linear sample.</summary>
    public static byte Encode(short sample) => EncodeTable[(sample >> 3) + EncodeTableOffset];

    /// <summary>Decodes one A-law code.</summary>
    public static short Decode(byte code) => DecodeTable[code];

    /// <summary>Encodes <paramref name="src"/> into the first <c>src.Length</c> bytes of <paramref name="dst"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="dst"/> is shorter than <paramref name="src"/>.</exception>
    public static void Encode(ReadOnlySpan<short> src, Span<byte> dst) =>
        G711Span.Encode(src, dst, EncodeTable, 3, EncodeTableOffset);

    /// <summary>Decodes <paramref name="src"/> into the first <c>src.Length</c> samples of <paramref name="dst"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="dst"/> is shorter than <paramref name="src"/>.</exception>
    public static void Decode(ReadOnlySpan<byte> src, Span<short> dst)
    {
        G711Span.CheckDestination(src.Length, dst.Length, nameof(dst));
        var done = G711Vector.IsSupported ? G711Vector.DecodeALaw(src, dst) : 0;
        G711Span.DecodeFrom(done, src, dst, DecodeTable);
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var code = 0; code < 256; code++)
        {
            // Even bits are inverted on the wire; after that: sign (1 = positive), 3-bit segment, 4-bit step.
            var a = code ^ 0x55;
            var segment = (a >> 4) & 0x07;
            var step = a & 0x0F;
            var magnitude = segment == 0
                ? (step << 4) + 8
                : ((step << 4) + 0x108) << (segment - 1);
            table[code] = (short)((a & 0x80) != 0 ? magnitude : -magnitude);
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

    // q is the input's top 13 bits (two's complement); its magnitude fits in 12 bits, so no clipping.
    private static byte EncodeQuantized(int q)
    {
        var magnitude = q >= 0 ? q : ~q;
        int code;
        if (magnitude < 32)
        {
            code = magnitude >> 1;
        }
        else
        {
            var segment = (31 - int.LeadingZeroCount(magnitude)) - 4;
            code = (segment << 4) | ((magnitude >> segment) & 0x0F);
        }

        return (byte)(code ^ (q >= 0 ? 0xD5 : 0x55));
    }
}
