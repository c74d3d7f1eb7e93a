using System.Runtime.Intrinsics;

namespace Hark.Media.Vad;

/// <summary>
/// Four-band split for the VAD: per band a Butterworth high-pass then low-pass biquad (direct form I),
/// with the four bands side by side in the lanes of one <see cref="Vector256{T}"/>, so each sample
/// costs one vector cascade instead of eight scalar ones. State carries across frames.
/// </summary>
internal sealed class BandFilterBank
{
    public const int BandCount = 4;

    // Numerators are b0·[1, -2, 1] (high-pass) and b0·[1, 2, 1] (low-pass); denominators are stored negated.
    private readonly Vector256<double> _highB0;
    private readonly Vector256<double> _highNegA1;
    private readonly Vector256<double> _highNegA2;
    private readonly Vector256<double> _lowB0;
    private readonly Vector256<double> _lowNegA1;
    private readonly Vector256<double> _lowNegA2;

    private double _x1;
    private double _x2;
    private Vector256<double> _high1;
    private Vector256<double> _high2;
    private Vector256<double> _low1;
    private Vector256<double> _low2;

    /// <param name="bandEdges">Five edges (Hz): band b spans edges b to b + 1.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    public BandFilterBank(ReadOnlySpan<double> bandEdges, int sampleRate)
    {
        Span<double> hb0 = stackalloc double[BandCount], ha1 = stackalloc double[BandCount], ha2 = stackalloc double[BandCount];
        Span<double> lb0 = stackalloc double[BandCount], la1 = stackalloc double[BandCount], la2 = stackalloc double[BandCount];
        for (var b = 0; b < BandCount; b++)
        {
            (hb0[b], ha1[b], ha2[b]) = Design(bandEdges[b], sampleRate, highPass: true);
            (lb0[b], la1[b], la2[b]) = Design(bandEdges[b + 1], sampleRate, highPass: false);
        }

        _highB0 = Vector256.Create(hb0);
        _highNegA1 = -Vector256.Create(ha1);
        _highNegA2 = -Vector256.Create(ha2);
        _lowB0 = Vector256.Create(lb0);
        _lowNegA1 = -Vector256.Create(la1);
        _lowNegA2 = -Vector256.Create(la2);
    }

    /// <summary>Filters <paramref name="frame"/> and returns each band's mean square (PCM16 units squared).</summary>
    public Vector256<double> MeanSquares(ReadOnlySpan<short> frame)
    {
        // Locals keep the recursion in registers; each output depends on the previous one through one multiply-add.
        double x1 = _x1, x2 = _x2;
        Vector256<double> h1 = _high1, h2 = _high2, l1 = _low1, l2 = _low2;
        Vector256<double> hb0 = _highB0, ha1 = _highNegA1, ha2 = _highNegA2, lb0 = _lowB0, la1 = _lowNegA1, la2 = _lowNegA2;
        var sum = Vector256<double>.Zero;
        foreach (var s in frame)
        {
            double x = s;
            var h = Vector256.MultiplyAddEstimate(ha1, h1, Vector256.MultiplyAddEstimate(hb0, Vector256.Create(x - (2 * x1) + x2), ha2 * h2));
            var l = Vector256.MultiplyAddEstimate(la1, l1, Vector256.MultiplyAddEstimate(lb0, (h + h2) + (h1 + h1), la2 * l2));
            sum = Vector256.MultiplyAddEstimate(l, l, sum);
            x2 = x1;
            x1 = x;
            h2 = h1;
            h1 = h;
            l2 = l1;
            l1 = l;
        }

        (_x1, _x2, _high1, _high2, _low1, _low2) = (x1, x2, h1, h2, l1, l2);
        return sum / frame.Length;
    }

    public void Clear()
    {
        (_x1, _x2) = (0, 0);
        (_high1, _high2, _low1, _low2) = (default, default, default, default);
    }

    /// <summary>Butterworth (Q = 1/√2) bilinear design; returns b0, a1, a2 normalised by a0.</summary>
    private static (double B0, double A1, double A2) Design(double cutoffHz, int sampleRate, bool highPass)
    {
        var w0 = 2 * Math.PI * cutoffHz / sampleRate;
        var cos = Math.Cos(w0);
        var alpha = Math.Sin(w0) / (2 * Math.Sqrt(0.5));
        var a0 = 1 + alpha;
        var b0 = (highPass ? 1 + cos : 1 - cos) / 2;
        return (b0 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }
}
