using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hark.Media.Resampling;

/// <summary>
/// Integer interpolation by L (8k→16k, 16k→48k, ...). Each input sample is stored L times, so a run of
/// consecutive outputs reads a contiguous window and one vector computes W outputs of mixed phases
/// without horizontal sums; the per-lane tap patterns are precomputed for each starting phase.
/// </summary>
internal sealed class UpsampleKernel : FloatResampleKernel
{
    private readonly int _up;
    private readonly int _taps;
    private readonly int _historyLength;
    private readonly float[] _expanded;
    private readonly float[] _patterns;
    private readonly float[] _floats = new float[MaxChunk];

    public UpsampleKernel(PolyphaseDesign design)
        : base(design)
    {
        _up = design.Up;
        _taps = design.TapsPerPhase;
        _historyLength = _taps * _up;
        _expanded = new float[((_taps + MaxChunk) * _up) + Slack];

        // Vector (s * taps + k) of _patterns, lane i = tap k of phase (s + i) mod L: the taps for a
        // vector of outputs whose first sample has phase s.
        var phases = design.PhaseTaps(_taps);
        var width = Vector<float>.Count;
        _patterns = new float[_up * _taps * width];
        for (var s = 0; s < _up; s++)
        {
            for (var k = 0; k < _taps; k++)
            {
                for (var i = 0; i < width; i++)
                {
                    _patterns[(((s * _taps) + k) * width) + i] = phases[(((s + i) % _up) * _taps) + k];
                }
            }
        }
    }

    protected override int FilterChunk(ReadOnlySpan<short> input, Span<float> output)
    {
        var up = _up;
        var expanded = _expanded.AsSpan(_historyLength, input.Length * up);
        var floats = _floats.AsSpan(0, input.Length);
        PcmFloat.ToSingle(input, floats);
        if (up == 2)
        {
            Duplicate(floats, expanded);
        }
        else
        {
            for (var i = 0; i < floats.Length; i++)
            {
                expanded.Slice(i * up, up).Fill(floats[i]);
            }
        }

        var count = input.Length * up;
        var width = Vector<float>.Count;
        var block = 4 * width;
        var outputs = MemoryMarshal.Cast<float, Vector<float>>(output);
        for (var start = 0; start < count; start += block)
        {
            Filter(start, outputs.Slice(start / width, 4));
        }

        _expanded.AsSpan(count, _historyLength).CopyTo(_expanded);
        return count;
    }

    public override void Reset() => Array.Clear(_expanded);

    private static void Duplicate(ReadOnlySpan<float> source, Span<float> destination)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= source.Length - 8; i += 8)
            {
                var v = Vector256.Create(source[i..]);
                Vector256.Shuffle(v, Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3)).CopyTo(destination[(2 * i)..]);
                Vector256.Shuffle(v, Vector256.Create(4, 4, 5, 5, 6, 6, 7, 7)).CopyTo(destination[((2 * i) + 8)..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[2 * i] = source[i];
            destination[(2 * i) + 1] = source[i];
        }
    }

    // Four vectors of outputs starting at output index `start` of the chunk. Output m reads
    // expanded[history + m - k * L] for tap k, so lanes only differ in the tap pattern.
    private void Filter(int start, Span<Vector<float>> result)
    {
        var width = Vector<float>.Count;
        var taps = _taps;
        var up = _up;

        // The slices prove every load below is in bounds; the loop then reads through plain refs.
        ref readonly var x = ref MemoryMarshal.GetReference(
            _expanded.AsSpan(start + up, ((taps - 1) * up) + (4 * width)));
        ref readonly var p0 = ref MemoryMarshal.GetReference(_patterns.AsSpan(start % up * taps * width, taps * width));
        ref readonly var p1 = ref MemoryMarshal.GetReference(_patterns.AsSpan((start + width) % up * taps * width, taps * width));
        ref readonly var p2 = ref MemoryMarshal.GetReference(_patterns.AsSpan((start + (2 * width)) % up * taps * width, taps * width));
        ref readonly var p3 = ref MemoryMarshal.GetReference(_patterns.AsSpan((start + (3 * width)) % up * taps * width, taps * width));
        // Even taps accumulate in a*, odd taps in b*: eight independent chains hide the FMA latency.
        var a0 = Vector<float>.Zero;
        var a1 = Vector<float>.Zero;
        var a2 = Vector<float>.Zero;
        var a3 = Vector<float>.Zero;
        var b0 = Vector<float>.Zero;
        var b1 = Vector<float>.Zero;
        var b2 = Vector<float>.Zero;
        var b3 = Vector<float>.Zero;
        var w = (nuint)width;
        var step = (nuint)up;
        var offset = (nuint)((taps - 1) * up);
        var pairs = (nuint)(taps / 2 * 2 * width);
        nuint k = 0;
        if (width % up == 0)
        {
            // All four vectors start on the same phase (L = 2 with 8 lanes): one tap load serves them.
            for (; k < pairs; k += 2 * w, offset -= 2 * step)
            {
                var c = Vector.LoadUnsafe(in p0, k);
                var d = Vector.LoadUnsafe(in p0, k + w);
                a0 = MultiplyAdd(c, Vector.LoadUnsafe(in x, offset), a0);
                a1 = MultiplyAdd(c, Vector.LoadUnsafe(in x, offset + w), a1);
                a2 = MultiplyAdd(c, Vector.LoadUnsafe(in x, offset + (2 * w)), a2);
                a3 = MultiplyAdd(c, Vector.LoadUnsafe(in x, offset + (3 * w)), a3);
                b0 = MultiplyAdd(d, Vector.LoadUnsafe(in x, offset - step), b0);
                b1 = MultiplyAdd(d, Vector.LoadUnsafe(in x, offset - step + w), b1);
                b2 = MultiplyAdd(d, Vector.LoadUnsafe(in x, offset - step + (2 * w)), b2);
                b3 = MultiplyAdd(d, Vector.LoadUnsafe(in x, offset - step + (3 * w)), b3);
            }
        }
        else
        {
            // Tap k/W: its window starts (taps - 1 - k/W) * L into x.
            for (; k < pairs; k += 2 * w, offset -= 2 * step)
            {
                a0 = MultiplyAdd(Vector.LoadUnsafe(in p0, k), Vector.LoadUnsafe(in x, offset), a0);
                a1 = MultiplyAdd(Vector.LoadUnsafe(in p1, k), Vector.LoadUnsafe(in x, offset + w), a1);
                a2 = MultiplyAdd(Vector.LoadUnsafe(in p2, k), Vector.LoadUnsafe(in x, offset + (2 * w)), a2);
                a3 = MultiplyAdd(Vector.LoadUnsafe(in p3, k), Vector.LoadUnsafe(in x, offset + (3 * w)), a3);
                b0 = MultiplyAdd(Vector.LoadUnsafe(in p0, k + w), Vector.LoadUnsafe(in x, offset - step), b0);
                b1 = MultiplyAdd(Vector.LoadUnsafe(in p1, k + w), Vector.LoadUnsafe(in x, offset - step + w), b1);
                b2 = MultiplyAdd(Vector.LoadUnsafe(in p2, k + w), Vector.LoadUnsafe(in x, offset - step + (2 * w)), b2);
                b3 = MultiplyAdd(Vector.LoadUnsafe(in p3, k + w), Vector.LoadUnsafe(in x, offset - step + (3 * w)), b3);
            }
        }

        if (taps % 2 == 1)
        {
            // The last tap reads the window start, offset 0.
            a0 = MultiplyAdd(Vector.LoadUnsafe(in p0, k), Vector.LoadUnsafe(in x, offset), a0);
            a1 = MultiplyAdd(Vector.LoadUnsafe(in p1, k), Vector.LoadUnsafe(in x, offset + w), a1);
            a2 = MultiplyAdd(Vector.LoadUnsafe(in p2, k), Vector.LoadUnsafe(in x, offset + (2 * w)), a2);
            a3 = MultiplyAdd(Vector.LoadUnsafe(in p3, k), Vector.LoadUnsafe(in x, offset + (3 * w)), a3);
        }

        a0 += b0;
        a1 += b1;
        a2 += b2;
        a3 += b3;
        result[0] = a0;
        result[1] = a1;
        result[2] = a2;
        result[3] = a3;
    }
}
