using System.Numerics;
using System.Runtime.InteropServices;

namespace Hark.Media.Resampling;

/// <summary>
/// Integer interpolation by L (8k→16k, 16k→48k, ...). Each input sample is stored L times, so a run of
/// consecutive outputs reads a contiguous window and one vector computes W outputs of mixed phases
/// without horizontal sums; the per-lane tap patterns are precomputed for each starting phase.
/// </summary>
internal sealed class UpsampleKernel : ResampleKernel
{
    private readonly int _up;
    private readonly int _taps;
    private readonly int _historyLength;
    private readonly float[] _expanded;
    private readonly Vector<float>[] _patterns;

    public UpsampleKernel(PolyphaseDesign design)
    {
        _up = design.Up;
        _taps = design.TapsPerPhase;
        _historyLength = _taps * _up;
        _expanded = new float[((_taps + MaxChunk) * _up) + Slack];

        // _patterns[(s * taps) + k] lane i = tap k of phase (s + i) mod L: the taps for a vector of
        // outputs whose first sample has phase s.
        var phases = design.PhaseTaps(_taps);
        var width = Vector<float>.Count;
        _patterns = new Vector<float>[_up * _taps];
        Span<float> lanes = stackalloc float[width];
        for (var s = 0; s < _up; s++)
        {
            for (var k = 0; k < _taps; k++)
            {
                for (var i = 0; i < width; i++)
                {
                    lanes[i] = phases[(((s + i) % _up) * _taps) + k];
                }

                _patterns[(s * _taps) + k] = new Vector<float>(lanes);
            }
        }
    }

    public override int ProcessChunk(ReadOnlySpan<short> input, Span<float> output)
    {
        var up = _up;
        var expanded = _expanded.AsSpan(_historyLength);
        if (up == 2)
        {
            for (var i = 0; i < input.Length; i++)
            {
                float v = input[i];
                expanded[2 * i] = v;
                expanded[(2 * i) + 1] = v;
            }
        }
        else
        {
            for (var i = 0; i < input.Length; i++)
            {
                expanded.Slice(i * up, up).Fill(input[i]);
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

        _expanded.AsSpan(input.Length * up, _historyLength).CopyTo(_expanded);
        return count;
    }

    public override void Reset() => Array.Clear(_expanded);

    // Four vectors of outputs starting at output index `start` of the chunk. Output m reads
    // expanded[history + m - k * L] for tap k, so lanes only differ in the tap pattern.
    private void Filter(int start, Span<Vector<float>> result)
    {
        var width = Vector<float>.Count;
        var taps = _taps;
        var up = _up;
        ReadOnlySpan<Vector<float>> p0 = _patterns.AsSpan(start % up * taps, taps);
        ReadOnlySpan<Vector<float>> p1 = _patterns.AsSpan((start + width) % up * taps, taps);
        ReadOnlySpan<Vector<float>> p2 = _patterns.AsSpan((start + (2 * width)) % up * taps, taps);
        ReadOnlySpan<Vector<float>> p3 = _patterns.AsSpan((start + (3 * width)) % up * taps, taps);
        ReadOnlySpan<float> x = _expanded.AsSpan(start + up, ((taps - 1) * up) + (4 * width));
        var a0 = Vector<float>.Zero;
        var a1 = Vector<float>.Zero;
        var a2 = Vector<float>.Zero;
        var a3 = Vector<float>.Zero;
        for (var k = 0; k < taps; k++)
        {
            // Window for tap k starts (taps - 1 - k) * L into x.
            var offset = (taps - 1 - k) * up;
            a0 += p0[k] * new Vector<float>(x[offset..]);
            a1 += p1[k] * new Vector<float>(x[(offset + width)..]);
            a2 += p2[k] * new Vector<float>(x[(offset + (2 * width))..]);
            a3 += p3[k] * new Vector<float>(x[(offset + (3 * width))..]);
        }

        result[0] = a0;
        result[1] = a1;
        result[2] = a2;
        result[3] = a3;
    }
}
