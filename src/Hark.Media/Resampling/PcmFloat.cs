using System.Numerics;

namespace Hark.Media.Resampling;

/// <summary>PCM16 to float and back, vectorised; float to PCM16 rounds half up and saturates.</summary>
internal static class PcmFloat
{
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
            var min = new Vector<float>(short.MinValue);
            var max = new Vector<float>(short.MaxValue);
            var rounding = new Vector<float>(0.5f);
            for (; i <= source.Length - width; i += width)
            {
                // Same clamp, +0.5, floor sequence as the scalar tail, so results never depend on alignment.
                var a = Vector.Floor(Vector.Min(Vector.Max(new Vector<float>(source[i..]), min), max) + rounding);
                var b = Vector.Floor(Vector.Min(Vector.Max(new Vector<float>(source[(i + half)..]), min), max) + rounding);
                Vector.Narrow(Vector.ConvertToInt32(a), Vector.ConvertToInt32(b)).CopyTo(destination[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = ToInt16(source[i]);
        }
    }

    public static short ToInt16(float value) =>
        (short)MathF.Floor(Math.Clamp(value, short.MinValue, short.MaxValue) + 0.5f);
}
