using System.Numerics;

namespace Hark.Media.Resampling;

/// <summary>
/// General L/M polyphase (e.g. 44.1k→16k = 160/441): each output picks one phase of the prototype and
/// takes a vector dot product against the input window ending at its source sample.
/// </summary>
internal sealed class RationalKernel : FloatResampleKernel
{
    private readonly int _up;
    private readonly int _taps;
    private readonly int _stepWhole;
    private readonly int _stepPhase;
    private readonly float[] _reversed;
    private readonly float[] _buffer;
    private int _source;
    private int _phase;

    public RationalKernel(PolyphaseDesign design)
        : base(design)
    {
        _up = design.Up;
        _stepWhole = design.Down / _up;
        _stepPhase = design.Down % _up;

        // Taps padded to whole vectors; phases stored oldest-sample-first so the window is read forwards.
        var width = Vector<float>.Count;
        _taps = (design.TapsPerPhase + width - 1) / width * width;
        var phases = design.PhaseTaps(_taps);
        _reversed = new float[phases.Length];
        for (var p = 0; p < _up; p++)
        {
            for (var t = 0; t < _taps; t++)
            {
                _reversed[(p * _taps) + t] = phases[(p * _taps) + _taps - 1 - t];
            }
        }

        _buffer = new float[_taps + MaxChunk];
    }

    protected override int FilterChunk(ReadOnlySpan<short> input, Span<float> output)
    {
        // Input sample i of the chunk sits at _buffer[taps + i]; output with source q reads [q + 1, q + taps].
        PcmFloat.ToSingle(input, _buffer.AsSpan(_taps));
        var count = 0;
        var source = _source;
        var phase = _phase;
        while (source < input.Length)
        {
            output[count++] = Dot(_reversed.AsSpan(phase * _taps, _taps), _buffer.AsSpan(source + 1, _taps));
            phase += _stepPhase;
            source += _stepWhole;
            if (phase >= _up)
            {
                phase -= _up;
                source++;
            }
        }

        _source = source - input.Length;
        _phase = phase;
        _buffer.AsSpan(input.Length, _taps).CopyTo(_buffer);
        return count;
    }

    public override void Reset()
    {
        Array.Clear(_buffer);
        _source = 0;
        _phase = 0;
    }

    private static float Dot(ReadOnlySpan<float> taps, ReadOnlySpan<float> window)
    {
        var width = Vector<float>.Count;
        var sum = Vector<float>.Zero;
        for (var i = 0; i < taps.Length; i += width)
        {
            sum += new Vector<float>(taps[i..]) * new Vector<float>(window[i..]);
        }

        return Vector.Sum(sum);
    }
}
