using System.Numerics;

namespace Hark.Media.Resampling;

/// <summary>PCM16 to float and back, vectorised; float to PCM16 rounds to nearest (ties to even) and saturates.</summary>
internal static class PcmFloat
{
    // 1.5 * 2^23 and its bit pattern, see RoundToInt32.
    private const float RoundingMagic = 12_582_912f;
    private const int RoundingMagicBits = 0x4B40_0000;

    public static void ToSingle(ReadOnlySpan<short> source, Span<float> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<short>.Count;
            var half = Vector<float>.Count;
            for (; i <= source.Length - width; i += width)
            {
                Vector.Widen(new Vector<short>(source[i..]), out var low, out var high);
                Vector.ConvertToSingle(low).CopyTo(destination[i..]);
                Vector.ConvertToSingle(high).CopyTo(destination[(i + half)..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    public static void ToInt16(ReadOnlySpan<float> source, Span<short> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<short>.Count;
            var half = Vector<float>.Count;
            for (; i <= source.Length - width; i += width)
            {
                var a = RoundToInt32(new Vector<float>(source[i..]));
                var b = RoundToInt32(new Vector<float>(source[(i + half)..]));
                Vector.Narrow(a, b).CopyTo(destination[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = ToInt16(source[i]);
        }
    }

    public static short ToInt16(float value)
    {
        var clamped = Math.Clamp(value, short.MinValue, short.MaxValue);
        return (short)(BitConverter.SingleToInt32Bits(clamped + RoundingMagic) - RoundingMagicBits);
    }

    // Adding 1.5 * 2^23 to a float in ±2^22 rounds it to an integer (ties to even) that then sits in the
    // low mantissa bits: plain IEEE addition plus an integer subtract, identical in vector and scalar code
    // and cheaper than .NET's saturating float-to-int conversion. Native min/max are safe: no NaNs here.
    public static Vector<int> RoundToInt32(Vector<float> value)
    {
        var clamped = Vector.MinNative(Vector.MaxNative(value, new Vector<float>(short.MinValue)), new Vector<float>(short.MaxValue));
        return Vector.AsVectorInt32(clamped + new Vector<float>(RoundingMagic)) - new Vector<int>(RoundingMagicBits);
    }
}
