using System.Numerics;

namespace Hark.Media.Resampling;

/// <summary>One filtering strategy; the <see cref="Resampler"/> feeds it bounded chunks.</summary>
internal abstract class ResampleKernel
{
    /// <summary>Largest input chunk a kernel accepts; it sizes every buffer.</summary>
    public const int MaxChunk = 1024;

    /// <summary>Vector kernels compute four vectors of outputs at a time, so buffers carry this slack.</summary>
    public static int Slack => 4 * Vector<float>.Count;

    /// <summary>
    /// Consumes up to <see cref="MaxChunk"/> samples and writes the outputs they complete to the start of
    /// <paramref name="output"/>, which must hold the chunk's outputs plus <see cref="Slack"/>.
    /// </summary>
    public abstract int ProcessChunk(ReadOnlySpan<short> input, Span<float> output);

    /// <summary>Back to the initial all-zero history.</summary>
    public abstract void Reset();
}
