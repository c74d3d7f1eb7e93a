using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hark.Media.Resampling;

/// <summary>
/// 16k→8k with <see cref="HalfbandDesign"/>: the input is split into its even and odd samples; each
/// output is half an even sample (the centre tap) plus the symmetric branch over the odd ones.
/// </summary>
internal sealed class HalfbandDownsampleKernel : HalfbandKernel
{
    // Two PCM16 samples are read as one little-endian int, the even one in the low half.
    private static bool SplitPairs => BitConverter.IsLittleEndian;

    private readonly float[] _evens;
    private readonly float[] _odds;
    private readonly float[] _results;
    private short _pending;
    private bool _hasPending;

    public HalfbandDownsampleKernel(HalfbandDesign design)
        : base(design)
    {
        // A chunk completes at most MaxChunk / 2 pairs (an odd-length one leaves a sample pending).
        var most = (MaxChunk / 2) + Block;
        _evens = new float[History + most];
        _odds = new float[History + most];
        _results = new float[most];
    }

    /// <summary>Group delay in 8 kHz samples.</summary>
    public int DelaySamples => Half - 1;

    // Kept out of Resampler.Process: when profile-guided devirtualisation inlined a half-band kernel there,
    // BenchmarkDotNet measured 16k→8k at 0.5-0.8 µs a frame instead of 0.3.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public override int ProcessChunk(ReadOnlySpan<short> input, Span<short> output)
    {
        // Pair m = (x[2m], x[2m+1]) sits at index History + m of the two streams; output m, emitted when
        // the pair completes, is 1/2 x[2m - 2K + 2] plus the odd branch around it, reaching x[2m + 1].
        var pairs = 0;
        if (_hasPending && !input.IsEmpty)
        {
            _evens[History] = _pending;
            _odds[History] = input[0];
            input = input[1..];
            pairs = 1;
            _hasPending = false;
        }

        var whole = input.Length / 2;
        Split(input[..(2 * whole)], _evens.AsSpan(History + pairs, whole), _odds.AsSpan(History + pairs, whole));
        pairs += whole;
        if (input.Length % 2 == 1)
        {
            _pending = input[^1];
            _hasPending = true;
        }

        FilterOdd(_odds, pairs, _results);

        // Output = (odd branch + centre sample) / 2: halving is exact, so this is the centre tap 1/2 plus
        // odd taps half those of the up path. Rounded and narrowed in the same pass.
        ReadOnlySpan<float> branch = _results.AsSpan(0, pairs);
        ReadOnlySpan<float> centres = _evens.AsSpan(Half, pairs);
        var width = Vector<float>.Count;
        var half = new Vector<float>(0.5f);
        var m = 0;
        for (; m <= pairs - (2 * width); m += 2 * width)
        {
            var a = PcmFloat.RoundToInt32((new Vector<float>(branch[m..]) + new Vector<float>(centres[m..])) * half);
            var b = PcmFloat.RoundToInt32((new Vector<float>(branch[(m + width)..]) + new Vector<float>(centres[(m + width)..])) * half);
            Vector.Narrow(a, b).CopyTo(output[m..]);
        }

        for (; m < pairs; m++)
        {
            output[m] = PcmFloat.ToInt16((branch[m] + centres[m]) * 0.5f);
        }

        _evens.AsSpan(pairs, History).CopyTo(_evens);
        _odds.AsSpan(pairs, History).CopyTo(_odds);
        return pairs;
    }

    public override void Reset()
    {
        Array.Clear(_evens);
        Array.Clear(_odds);
        _hasPending = false;
        _pending = 0;
    }

    private static void Split(ReadOnlySpan<short> source, Span<float> evens, Span<float> odds)
    {
        var i = 0;
        if (SplitPairs)
        {
            // Sign-extending each half of an int deinterleaves without shuffles.
            var width = Vector<int>.Count;
            var packed = MemoryMarshal.Cast<short, int>(source);
            for (; i <= packed.Length - width; i += width)
            {
                var v = new Vector<int>(packed[i..]);
                Vector.ConvertToSingle(Vector.ShiftRightArithmetic(Vector.ShiftLeft(v, 16), 16)).CopyTo(evens[i..]);
                Vector.ConvertToSingle(Vector.ShiftRightArithmetic(v, 16)).CopyTo(odds[i..]);
            }
        }

        for (; i < evens.Length; i++)
        {
            evens[i] = source[2 * i];
            odds[i] = source[(2 * i) + 1];
        }
    }
}
