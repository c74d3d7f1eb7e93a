using System.Runtime.Intrinsics;

namespace Hark.Media.Dtmf;

/// <summary>
/// Eight Goertzel filters, one per DTMF frequency, run together with one SIMD lane per
/// frequency. Besides the energy it returns the complex DFT sums of the whole block and of its
/// first half, which the detector uses to measure each tone's frequency error by phase.
/// </summary>
internal sealed class DtmfFilterBank
{
    private readonly Vector256<float> _coeff;
    private readonly Vector256<float> _cos;
    private readonly Vector256<float> _sin;
    private readonly Vector256<float> _rotRe;
    private readonly Vector256<float> _rotIm;
    private readonly Vector256<float> _halfRotRe;
    private readonly Vector256<float> _halfRotIm;
    private readonly float[] _harmonicCoeff = new float[DtmfTones.Count];

    public DtmfFilterBank(int sampleRate, int blockLength)
    {
        SampleRate = sampleRate;
        BlockLength = blockLength;
        HalfLength = blockLength / 2;
        Omega = new float[DtmfTones.Count];
        StepRe = new float[DtmfTones.Count];
        StepIm = new float[DtmfTones.Count];

        Span<float> coeff = stackalloc float[DtmfTones.Count];
        Span<float> cos = stackalloc float[DtmfTones.Count];
        Span<float> sin = stackalloc float[DtmfTones.Count];
        Span<float> rotRe = stackalloc float[DtmfTones.Count];
        Span<float> rotIm = stackalloc float[DtmfTones.Count];
        Span<float> halfRotRe = stackalloc float[DtmfTones.Count];
        Span<float> halfRotIm = stackalloc float[DtmfTones.Count];
        for (var i = 0; i < DtmfTones.Count; i++)
        {
            var w = 2 * Math.PI * DtmfTones.Frequencies[i] / sampleRate;
            Omega[i] = (float)w;
            coeff[i] = (float)(2 * Math.Cos(w));
            cos[i] = (float)Math.Cos(w);
            sin[i] = (float)Math.Sin(w);

            // The Goertzel output at sample n carries a phase of e^{jwn}; these undo it so the sums
            // are referenced to the block's first sample.
            rotRe[i] = (float)Math.Cos(w * (blockLength - 1));
            rotIm[i] = (float)-Math.Sin(w * (blockLength - 1));
            halfRotRe[i] = (float)Math.Cos(w * (HalfLength - 1));
            halfRotIm[i] = (float)-Math.Sin(w * (HalfLength - 1));
            StepRe[i] = (float)Math.Cos(w * blockLength);
            StepIm[i] = (float)-Math.Sin(w * blockLength);
            _harmonicCoeff[i] = (float)(2 * Math.Cos(2 * w));
        }

        _coeff = Vector256.Create<float>(coeff);
        _cos = Vector256.Create<float>(cos);
        _sin = Vector256.Create<float>(sin);
        _rotRe = Vector256.Create<float>(rotRe);
        _rotIm = Vector256.Create<float>(rotIm);
        _halfRotRe = Vector256.Create<float>(halfRotRe);
        _halfRotIm = Vector256.Create<float>(halfRotIm);
    }

    public int SampleRate { get; }

    public int BlockLength { get; }

    public int HalfLength { get; }

    /// <summary>Angular frequency of each filter in radians per sample.</summary>
    public float[] Omega { get; }

    /// <summary>e^{-jwN}: the phase a nominal tone advances over one block, to be removed.</summary>
    public float[] StepRe { get; }

    /// <inheritdoc cref="StepRe"/>
    public float[] StepIm { get; }

    /// <summary>Runs the eight filters over exactly one block of <see cref="BlockLength"/> samples.</summary>
    public void Analyse(ReadOnlySpan<short> block, DtmfBlockSpectrum spectrum)
    {
        Vector256<float> s1, s2, h1, h2;
        long total;
        if (Vector256.IsHardwareAccelerated)
        {
            total = Run256(block, out s1, out s2, out h1, out h2);
        }
        else
        {
            total = Run128(block, out s1, out s2, out h1, out h2);
        }

        spectrum.TotalEnergy = total;

        // Y = s1 - e^{-jw} s2 is the DFT sum times e^{jw(n)}; P = rot * Y re-references its phase.
        var yRe = s1 - (_cos * s2);
        var yIm = _sin * s2;
        (yRe * yRe + yIm * yIm).CopyTo(spectrum.Energy);
        ((_rotRe * yRe) - (_rotIm * yIm)).CopyTo(spectrum.Re);
        ((_rotRe * yIm) + (_rotIm * yRe)).CopyTo(spectrum.Im);

        var hRe = h1 - (_cos * h2);
        var hIm = _sin * h2;
        ((_halfRotRe * hRe) - (_halfRotIm * hIm)).CopyTo(spectrum.HalfRe);
        ((_halfRotRe * hIm) + (_halfRotIm * hRe)).CopyTo(spectrum.HalfIm);
    }

    /// <summary>Energy at twice the frequency of filter <paramref name="index"/> (second harmonic).</summary>
    public float HarmonicEnergy(ReadOnlySpan<short> block, int index)
    {
        var c = _harmonicCoeff[index];
        float s1 = 0, s2 = 0;
        foreach (var x in block)
        {
            var s0 = x + (c * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        return (s1 * s1) + (s2 * s2) - (c * s1 * s2);
    }

    private long Run256(
        ReadOnlySpan<short> block,
        out Vector256<float> s1,
        out Vector256<float> s2,
        out Vector256<float> h1,
        out Vector256<float> h2)
    {
        var c = _coeff;
        var a = Vector256<float>.Zero;
        var b = Vector256<float>.Zero;
        long total = 0;
        for (var n = 0; n < HalfLength; n++)
        {
            int x = block[n];
            total += x * x;
            var s0 = Vector256.MultiplyAddEstimate(c, a, Vector256.Create((float)x) - b);
            b = a;
            a = s0;
        }

        h1 = a;
        h2 = b;
        for (var n = HalfLength; n < block.Length; n++)
        {
            int x = block[n];
            total += x * x;
            var s0 = Vector256.MultiplyAddEstimate(c, a, Vector256.Create((float)x) - b);
            b = a;
            a = s0;
        }

        s1 = a;
        s2 = b;
        return total;
    }

    // Same recurrence as Run256 on two 4-lane halves, for CPUs without 256-bit vectors (e.g. Arm64).
    private long Run128(
        ReadOnlySpan<short> block,
        out Vector256<float> s1,
        out Vector256<float> s2,
        out Vector256<float> h1,
        out Vector256<float> h2)
    {
        var cLo = _coeff.GetLower();
        var cHi = _coeff.GetUpper();
        Vector128<float> aLo = default, aHi = default, bLo = default, bHi = default;
        long total = 0;
        h1 = h2 = default;
        for (var n = 0; n < block.Length; n++)
        {
            if (n == HalfLength)
            {
                h1 = Vector256.Create(aLo, aHi);
                h2 = Vector256.Create(bLo, bHi);
            }

            int x = block[n];
            total += x * x;
            var xv = Vector128.Create((float)x);
            var nLo = Vector128.MultiplyAddEstimate(cLo, aLo, xv - bLo);
            var nHi = Vector128.MultiplyAddEstimate(cHi, aHi, xv - bHi);
            bLo = aLo;
            bHi = aHi;
            aLo = nLo;
            aHi = nHi;
        }

        s1 = Vector256.Create(aLo, aHi);
        s2 = Vector256.Create(bLo, bHi);
        return total;
    }
}
