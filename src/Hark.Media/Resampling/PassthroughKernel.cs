namespace Hark.Media.Resampling;

/// <summary>Equal rates: samples pass through unchanged, with no delay.</summary>
internal sealed class PassthroughKernel : ResampleKernel
{
    public override int ProcessChunk(ReadOnlySpan<short> input, Span<short> output)
    {
        input.CopyTo(output);
        return input.Length;
    }

    public override void Reset()
    {
    }
}
