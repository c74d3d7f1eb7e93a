namespace Hark.Media.Resampling;

/// <summary>
/// A kernel that filters into floats; the results are rounded and saturated to PCM16 in one vector pass.
/// </summary>
internal abstract class FloatResampleKernel : ResampleKernel
{
    private readonly float[] _results;

    protected FloatResampleKernel(PolyphaseDesign design)
    {
        var most = ((MaxChunk * design.Up) + design.Down - 1) / design.Down;
        _results = new float[most + Slack];
    }

    public sealed override int ProcessChunk(ReadOnlySpan<short> input, Span<short> output)
    {
        var count = FilterChunk(input, _results);
        PcmFloat.ToInt16(_results.AsSpan(0, count), output);
        return count;
    }

    /// <summary>
    /// Like <see cref="ResampleKernel.ProcessChunk"/> but into floats; <paramref name="output"/> holds the
    /// chunk's outputs plus <see cref="ResampleKernel.Slack"/>.
    /// </summary>
    protected abstract int FilterChunk(ReadOnlySpan<short> input, Span<float> output);
}
