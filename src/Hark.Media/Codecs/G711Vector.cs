using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hark.Media.Codecs;

/// <summary>
/// G.711 decoding 16 codes at a time with AVX2, computing the G.711 reconstruction levels
/// arithmetically (a table lookup per sample is the cost this avoids). The segment's power of two
/// comes from a byte shuffle, since AVX2 has no per-lane 16-bit shift. Callers finish the tail
/// (fewer than 16 codes) with the scalar table.
/// </summary>
internal static class G711Vector
{
    private const int Block = 16;

    // 1 << segment (mu-law) and 1 << max(segment - 1, 0) (A-law), repeated for both 128-bit lanes.
    private static readonly Vector256<byte> MuLawScale = Vector256.Create(
        (byte)1, 2, 4, 8, 16, 32, 64, 128, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 2, 4, 8, 16, 32, 64, 128, 0, 0, 0, 0, 0, 0, 0, 0);

    private static readonly Vector256<byte> ALawScale = Vector256.Create(
        (byte)1, 1, 2, 4, 8, 16, 32, 64, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 2, 4, 8, 16, 32, 64, 0, 0, 0, 0, 0, 0, 0, 0);

    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>Decodes whole blocks of 16 mu-law codes; returns how many codes were decoded.</summary>
    public static int DecodeMuLaw(ReadOnlySpan<byte> src, Span<short> dst)
    {
        var count = src.Length - (src.Length % Block);
        ref var s = ref MemoryMarshal.GetReference(src);
        ref var d = ref MemoryMarshal.GetReference(dst);
        for (var i = 0; i < count; i += Block)
        {
            // Inverted on the wire; then sign, 3-bit segment, 4-bit step.
            var u = Avx2.ConvertToVector256Int16(~Vector128.LoadUnsafe(ref s, (nuint)i));
            var step = u & Vector256.Create((short)0x0F);
            var scale = SegmentScale(u, MuLawScale);
            var magnitude = ((((step << 3) + Vector256.Create((short)0x84)) * scale)) - Vector256.Create((short)0x84);
            var negative = ~Vector256.Equals(u & Vector256.Create((short)0x80), Vector256<short>.Zero);
            ((magnitude ^ negative) - negative).StoreUnsafe(ref d, (nuint)i);
        }

        return count;
    }

    /// <summary>Decodes whole blocks of 16 A-law codes; returns how many codes were decoded.</summary>
    public static int DecodeALaw(ReadOnlySpan<byte> src, Span<short> dst)
    {
        var count = src.Length - (src.Length % Block);
        ref var s = ref MemoryMarshal.GetReference(src);
        ref var d = ref MemoryMarshal.GetReference(dst);
        for (var i = 0; i < count; i += Block)
        {
            // Even bits inverted on the wire; then sign (1 = positive), 3-bit segment, 4-bit step.
            var a = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref s, (nuint)i) ^ Vector128.Create((byte)0x55));
            var step = a & Vector256.Create((short)0x0F);
            var segment = a & Vector256.Create((short)0x70);
            // Segment 0 is linear: (step << 4) + 8; segment n: ((step << 4) + 0x108) << (n - 1).
            var offset = Vector256.Create((short)8) + (~Vector256.Equals(segment, Vector256<short>.Zero) & Vector256.Create((short)0x100));
            var magnitude = ((step << 4) + offset) * SegmentScale(a, ALawScale);
            var negative = Vector256.Equals(a & Vector256.Create((short)0x80), Vector256<short>.Zero);
            ((magnitude ^ negative) - negative).StoreUnsafe(ref d, (nuint)i);
        }

        return count;
    }

    // Looks up the segment's multiplier: the low byte of each lane indexes the table, and 0x80 in the
    // high byte makes the shuffle write zero there, so each 16-bit lane gets table[segment].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> SegmentScale(Vector256<short> code, Vector256<byte> table)
    {
        var index = ((code >> 4) & Vector256.Create((short)0x07)) | Vector256.Create(unchecked((short)0x8000));
        return Avx2.Shuffle(table, index.AsByte()).AsInt16();
    }
}
