using System.Numerics;
using System.Runtime.InteropServices;

namespace Hark.Media.Resampling;

/// <summary>
/// Shared half-band arithmetic: the odd branch of <see cref="HalfbandDesign"/>, mirrored samples added
/// before the multiply, four vectors of consecutive outputs at a time.
/// </summary>
internal abstract class HalfbandKernel : ResampleKernel
{
    private readonly float[] _taps;

    protected HalfbandKernel(HalfbandDesign design)
    {
        _taps = design.Taps;
        Half = design.Half;
    }

    /// <summary>K of the design: the odd branch spans 2K samples.</summary>
    protected int Half { get; }

    /// <summary>Outputs computed together: four vectors.</summary>
    protected static int Block => 4 * Vector<float>.Count;

    /// <summary>Samples kept before each chunk: the odd branch's span less the newest sample.</summary>
    protected int History => (2 * Half) - 1;

    /// <summary>
    /// result[n] = sum over i of taps[i] * (x[n + K - 1 - i] + x[n + K + i]) for n below
    /// <paramref name="count"/>, rounded up to a <see cref="Block"/> (the extra lanes are scratch), so
    /// <paramref name="x"/> holds that many plus <see cref="History"/> and <paramref name="result"/> that many.
    /// </summary>
    protected void FilterOdd(ReadOnlySpan<float> x, int count, Span<float> result)
    {
        var block = Block;
        var rounded = (count + block - 1) / block * block;

        // The slices prove every load and store below is in bounds; the loops then use plain refs.
        ref readonly var source = ref MemoryMarshal.GetReference(x[..(rounded + History)]);
        ref var target = ref MemoryMarshal.GetReference(result[..rounded]);
        ReadOnlySpan<float> taps = _taps;
        var w = (nuint)Vector<float>.Count;
        var half = (nuint)Half;
        for (nuint start = 0; start < (nuint)rounded; start += (nuint)block)
        {
            // Even taps accumulate in a*, odd taps in b*: eight independent chains hide the FMA latency.
            var a0 = Vector<float>.Zero;
            var a1 = Vector<float>.Zero;
            var a2 = Vector<float>.Zero;
            var a3 = Vector<float>.Zero;
            var b0 = Vector<float>.Zero;
            var b1 = Vector<float>.Zero;
            var b2 = Vector<float>.Zero;
            var b3 = Vector<float>.Zero;
            var low = start + half - 1;
            var high = start + half;
            var i = 0;
            for (; i < taps.Length - 1; i += 2, low -= 2, high += 2)
            {
                var c = new Vector<float>(taps[i]);
                var d = new Vector<float>(taps[i + 1]);
                a0 = MultiplyAdd(c, Vector.LoadUnsafe(in source, low) + Vector.LoadUnsafe(in source, high), a0);
                a1 = MultiplyAdd(c, Vector.LoadUnsafe(in source, low + w) + Vector.LoadUnsafe(in source, high + w), a1);
                a2 = MultiplyAdd(c, Vector.LoadUnsafe(in source, low + (2 * w)) + Vector.LoadUnsafe(in source, high + (2 * w)), a2);
                a3 = MultiplyAdd(c, Vector.LoadUnsafe(in source, low + (3 * w)) + Vector.LoadUnsafe(in source, high + (3 * w)), a3);
                b0 = MultiplyAdd(d, Vector.LoadUnsafe(in source, low - 1) + Vector.LoadUnsafe(in source, high + 1), b0);
                b1 = MultiplyAdd(d, Vector.LoadUnsafe(in source, low - 1 + w) + Vector.LoadUnsafe(in source, high + 1 + w), b1);
                b2 = MultiplyAdd(d, Vector.LoadUnsafe(in source, low - 1 + (2 * w)) + Vector.LoadUnsafe(in source, high + 1 + (2 * w)), b2);
                b3 = MultiplyAdd(d, Vector.LoadUnsafe(in source, low - 1 + (3 * w)) + Vector.LoadUnsafe(in source, high + 1 + (3 * w)), b3);
            }

            if (i < taps.Length)
            {
                // The outermost tap when K is odd: low is back at the block start.
                var c = new Vector<float>(taps[i]);
                a0 = MultiplyAdd(c, Vector.LoadUnsafe(in source, low) + Vector.LoadUnsafe(in source, high), a0);
                a1 = MultiplyAdd(c, Vector.LoadUnsafe(in source, low + w) + Vector.LoadUnsafe(in source, high + w), a1);
                a2 = MultiplyAdd(c, Vector.LoadUnsafe(in source, low + (2 * w)) + Vector.LoadUnsafe(in source, high + (2 * w)), a2);
                a3 = MultiplyAdd(c, Vector.LoadUnsafe(in source, low + (3 * w)) + Vector.LoadUnsafe(in source, high + (3 * w)), a3);
            }

            (a0 + b0).StoreUnsafe(ref target, start);
            (a1 + b1).StoreUnsafe(ref target, start + w);
            (a2 + b2).StoreUnsafe(ref target, start + (2 * w));
            (a3 + b3).StoreUnsafe(ref target, start + (3 * w));
        }
    }
}
