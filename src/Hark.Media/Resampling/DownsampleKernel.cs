using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hark.Media.Resampling;

/// <summary>
/// Integer decimation by M (16k→8k, 48k→16k, ...). The input is dealt into M streams,
/// stream r holding x[n*M - r], so output n is a sum of M short filters over contiguous stream windows
/// and one vector computes W consecutive outputs without horizontal sums.
/// </summary>
internal sealed class DownsampleKernel : FloatResampleKernel
{
    private readonly int _down;
    private readonly int _taps;
    private readonly int _stride;
    private readonly float[] _streams;
    private readonly float[] _coefficients;
    private readonly float[] _floats = new float[MaxChunk];
    private int _residue;

    public DownsampleKernel(PolyphaseDesign design)
        : base(design)
    {
        _down = design.Down;
        _taps = ((2 * design.HalfLength) + _down) / _down;
        _stride = _taps + 1 + (MaxChunk / _down) + 1 + Slack;
        _streams = new float[_down * _stride];

        // _coefficients[r * taps + j] = h[j * M + r]: a single phase (L = 1) regrouped by residue.
        var all = design.PhaseTaps(_down * _taps);
        _coefficients = new float[_down * _taps];
        for (var r = 0; r < _down; r++)
        {
            for (var j = 0; j < _taps; j++)
            {
                _coefficients[(r * _taps) + j] = all[(j * _down) + r];
            }
        }
    }

    protected override int FilterChunk(ReadOnlySpan<short> input, Span<float> output)
    {
        // Group n of the chunk is x[nM - (M-1)] .. x[nM]; it completes (and yields output n) on residue 0.
        // Sample i of the chunk has residue (r0 - i) mod M; a residue above r0 first appears in group 1.
        var floats = _floats.AsSpan(0, input.Length);
        PcmFloat.ToSingle(input, floats);
        var down = _down;
        var r0 = _residue;
        var groups = input.Length > r0 ? ((input.Length - 1 - r0) / down) + 1 : 0;
        if (down == 2)
        {
            // Even chunk samples go to residue r0 from its first slot, odd ones to the other residue,
            // which starts a slot later only when it is residue 1.
            var evens = _streams.AsSpan((r0 * _stride) + _taps, (floats.Length + 1) / 2);
            var odds = _streams.AsSpan(((1 - r0) * _stride) + _taps + (1 - r0), floats.Length / 2);
            Deinterleave(floats, evens, odds);
        }
        else
        {
            for (var r = 0; r < down; r++)
            {
                var stream = _streams.AsSpan(r * _stride, _stride);
                var position = _taps + (r > r0 ? 1 : 0);
                for (var i = (r0 - r + down) % down; i < floats.Length; i += down)
                {
                    stream[position++] = floats[i];
                }
            }
        }

        _residue = (((r0 - input.Length) % down) + down) % down;
        var width = Vector<float>.Count;
        var block = 4 * width;
        var outputs = MemoryMarshal.Cast<float, Vector<float>>(output);
        for (var start = 0; start < groups; start += block)
        {
            Filter(start, outputs.Slice(start / width, 4));
        }

        // Keep taps of history plus the slot of the group still being filled.
        for (var r = 0; r < _down; r++)
        {
            _streams.AsSpan((r * _stride) + groups, _taps + 1).CopyTo(_streams.AsSpan(r * _stride));
        }

        return groups;
    }

    public override void Reset()
    {
        Array.Clear(_streams);
        _residue = 0;
    }

    private static void Deinterleave(ReadOnlySpan<float> source, Span<float> evens, Span<float> odds)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= source.Length - 16; i += 16)
            {
                var order = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
                var a = Vector256.Shuffle(Vector256.Create(source[i..]), order);
                var b = Vector256.Shuffle(Vector256.Create(source[(i + 8)..]), order);
                Vector256.Create(a.GetLower(), b.GetLower()).CopyTo(evens[(i / 2)..]);
                Vector256.Create(a.GetUpper(), b.GetUpper()).CopyTo(odds[(i / 2)..]);
            }
        }

        for (; i < source.Length; i++)
        {
            if (i % 2 == 0)
            {
                evens[i / 2] = source[i];
            }
            else
            {
                odds[i / 2] = source[i];
            }
        }
    }

    // Output n = sum over r, j of h[jM + r] * stream_r[origin + n - j].
    private void Filter(int start, Span<Vector<float>> result)
    {
        var width = Vector<float>.Count;
        var taps = _taps;
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
        for (var r = 0; r < _down; r++)
        {
            // The slice proves the window loads in bounds; the loop reads through a plain ref.
            ReadOnlySpan<float> c = _coefficients.AsSpan(r * taps, taps);
            ref readonly var x = ref MemoryMarshal.GetReference(
                _streams.AsSpan((r * _stride) + start + 1, taps + (4 * width) - 1));
            var offset = (nuint)(taps - 1);
            var j = 0;
            for (; j < c.Length - 1; j += 2, offset -= 2)
            {
                var h = new Vector<float>(c[j]);
                var g = new Vector<float>(c[j + 1]);
                a0 = MultiplyAdd(h, Vector.LoadUnsafe(in x, offset), a0);
                a1 = MultiplyAdd(h, Vector.LoadUnsafe(in x, offset + w), a1);
                a2 = MultiplyAdd(h, Vector.LoadUnsafe(in x, offset + (2 * w)), a2);
                a3 = MultiplyAdd(h, Vector.LoadUnsafe(in x, offset + (3 * w)), a3);
                b0 = MultiplyAdd(g, Vector.LoadUnsafe(in x, offset - 1), b0);
                b1 = MultiplyAdd(g, Vector.LoadUnsafe(in x, offset - 1 + w), b1);
                b2 = MultiplyAdd(g, Vector.LoadUnsafe(in x, offset - 1 + (2 * w)), b2);
                b3 = MultiplyAdd(g, Vector.LoadUnsafe(in x, offset - 1 + (3 * w)), b3);
            }

            if (j < c.Length)
            {
                var h = new Vector<float>(c[j]);
                a0 = MultiplyAdd(h, Vector.LoadUnsafe(in x, offset), a0);
                a1 = MultiplyAdd(h, Vector.LoadUnsafe(in x, offset + w), a1);
                a2 = MultiplyAdd(h, Vector.LoadUnsafe(in x, offset + (2 * w)), a2);
                a3 = MultiplyAdd(h, Vector.LoadUnsafe(in x, offset + (3 * w)), a3);
            }
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
