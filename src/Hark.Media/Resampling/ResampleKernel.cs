using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Hark.Media.Resampling;

/// <summary>One filtering strategy; the <see cref="Resampler"/> feeds it bounded chunks.</summary>
internal abstract class ResampleKernel
{
    /// <summary>Largest input chunk a kernel accepts; it sizes every buffer. A 20 ms frame at 16 kHz: a recording feeds
    /// frames, and each open recording keeps these buffers (4 KB less per call than 1024).</summary>
    public const int MaxChunk = 320;

    /// <summary>Vector kernels compute four vectors of outputs at a time, so buffers carry this slack.</summary>
    public static int Slack => 4 * Vector<float>.Count;

    // Fused multiply-add only where the CPU has it; the software fallback would be far slower than two
    // instructions. The choice is fixed per process, so chunking never changes a result. A property, not
    // a static readonly field: IsSupported is a JIT-time constant even in code compiled before the class
    // is initialised (no tiering, OSR), where a field test inside the loop spilled every accumulator.
    private static bool HasFma => Fma.IsSupported || AdvSimd.IsSupported;

    /// <summary>
    /// Consumes up to <see cref="MaxChunk"/> samples and writes the outputs they complete to the start of
    /// <paramref name="output"/>, which holds at least that many; returns the count.
    /// </summary>
    public abstract int ProcessChunk(ReadOnlySpan<short> input, Span<short> output);

    /// <summary>Back to the initial all-zero history.</summary>
    public abstract void Reset();

    /// <summary>acc + a * b, fused when the hardware supports it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> acc) =>
        HasFma ? Vector.FusedMultiplyAdd(a, b, acc) : acc + (a * b);
}
