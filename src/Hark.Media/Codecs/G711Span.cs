namespace Hark.Media.Codecs;

/// <summary>The span loops μ-law and A-law share: both are one table lookup per sample.</summary>
internal static class G711Span
{
    /// <summary>Encodes by a table indexed by the input's top bits (<paramref name="shift"/> drops the rest).</summary>
    public static void Encode(ReadOnlySpan<short> src, Span<byte> dst, byte[] table, int shift, int offset)
    {
        CheckDestination(src.Length, dst.Length, nameof(dst));

        // Slicing dst to the source length lets the JIT drop its bounds checks.
        dst = dst[..src.Length];
        for (var i = 0; i < src.Length; i++)
        {
            dst[i] = table[(src[i] >> shift) + offset];
        }
    }

    /// <summary>Decodes codes from <paramref name="start"/> on by the 256-entry table (the vector path does the rest).</summary>
    public static void DecodeFrom(int start, ReadOnlySpan<byte> src, Span<short> dst, short[] table)
    {
        dst = dst[..src.Length];
        for (var i = start; i < src.Length; i++)
        {
            dst[i] = table[src[i]];
        }
    }

    public static void CheckDestination(int sourceLength, int destinationLength, string paramName)
    {
        if (destinationLength < sourceLength)
        {
            throw new ArgumentException("Destination is shorter than the source.", paramName);
        }
    }
}
