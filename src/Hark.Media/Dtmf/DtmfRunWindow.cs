using System.Numerics;

namespace Hark.Media.Dtmf;

/// <summary>
/// The last few blocks of a run, kept so that a key can be checked over a 30 ms window before it
/// is confirmed. Joining three 10 ms DFT sums with the right phase steps gives the DFT of the
/// whole 30 ms, with a third of the bandwidth: speech harmonics that a 10 ms block smears into a
/// DTMF bin stand apart again, while a real tone (its measured frequency error undone) keeps all
/// its energy.
/// </summary>
internal sealed class DtmfRunWindow
{
    public const int Capacity = 4;
    public const int Span = 3;

    private readonly float[] _re = new float[Capacity * DtmfTones.Count];
    private readonly float[] _im = new float[Capacity * DtmfTones.Count];
    private readonly float[] _total = new float[Capacity];
    private readonly float[] _amplitude = new float[Capacity];
    private int _next;

    /// <summary>Contiguous blocks held (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Push(DtmfBlockSpectrum spectrum, float amplitude)
    {
        spectrum.Re.CopyTo(_re, _next * DtmfTones.Count);
        spectrum.Im.CopyTo(_im, _next * DtmfTones.Count);
        _total[_next] = spectrum.TotalEnergy;
        _amplitude[_next] = amplitude;
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>
    /// Over the strongest <see cref="Span"/> consecutive blocks: the pair's share of the energy
    /// (about 1 for clean tones) and each tone's margin over the loudest other frequency of its
    /// group (energy ratio), and the twist (low tone energy over high). <paramref name="deltaLow"/> and <paramref name="deltaHigh"/> are the
    /// tones' measured frequency errors in radians per sample. False if too few blocks are held.
    /// </summary>
    public bool TryMeasure(
        DtmfFilterBank bank,
        int low,
        int high,
        float deltaLow,
        float deltaHigh,
        out float purity,
        out float dominance,
        out float twist)
    {
        purity = dominance = twist = 0;
        if (Count < Span)
        {
            return false;
        }

        // Oldest held block, then pick the louder of the (up to two) possible windows.
        var oldest = (_next - Count + Capacity) % Capacity;
        var first = oldest;
        if (Count > Span)
        {
            var early = _amplitude[oldest] + _amplitude[(oldest + 1) % Capacity] + _amplitude[(oldest + 2) % Capacity];
            var late = _amplitude[(oldest + 1) % Capacity] + _amplitude[(oldest + 2) % Capacity] + _amplitude[(oldest + 3) % Capacity];
            first = late >= early ? (oldest + 1) % Capacity : oldest;
        }

        float total = 0;
        for (var k = 0; k < Span; k++)
        {
            total += _total[(first + k) % Capacity];
        }

        if (total <= 0)
        {
            return false;
        }

        var n = bank.BlockLength;
        var (uLow, uHigh) = ToneAmplitudes(bank, first, low, high, deltaLow, deltaHigh);

        // A tone of complex amplitude u fills the window with energy 2*M*N*|u|^2 and gives a
        // window DFT sum of |u|*M*N at its own frequency.
        var toneScale = (float)(Span * n) * Span * n;
        var eLow = (float)(uLow * uLow) * toneScale;
        var eHigh = (float)(uHigh * uHigh) * toneScale;
        float worstLow = 0, worstHigh = 0;
        for (var i = 0; i < DtmfTones.GroupSize; i++)
        {
            if (i != low)
            {
                worstLow = MathF.Max(worstLow, Energy(bank, first, i, 0));
            }

            if (i + DtmfTones.GroupSize != high)
            {
                worstHigh = MathF.Max(worstHigh, Energy(bank, first, i + DtmfTones.GroupSize, 0));
            }
        }

        purity = 2 * (eLow + eHigh) / (Span * n * total);
        twist = eLow / MathF.Max(eHigh, 1);
        dominance = MathF.Min(eLow / MathF.Max(worstLow, 1), eHigh / MathF.Max(worstHigh, 1));
        return true;
    }

    // Each tone leaks a few per cent into the other's 10 ms bin, and when the tones' spacing is
    // close to a multiple of 100 Hz that leak adds up in phase over the window. Modelling both
    // tones at their measured frequencies and solving the 2x2 system removes it.
    private (double Low, double High) ToneAmplitudes(DtmfFilterBank bank, int first, int low, int high, float deltaLow, float deltaHigh)
    {
        var n = bank.BlockLength;
        var wLow = bank.Omega[low] + (double)deltaLow;
        var wHigh = bank.Omega[high] + (double)deltaHigh;
        var sLow = Sum(first, low, wLow * n);
        var sHigh = Sum(first, high, wHigh * n);
        var cLL = Dirichlet(deltaLow, n) * Span;
        var cHH = Dirichlet(deltaHigh, n) * Span;
        var cLH = Dirichlet(wHigh - bank.Omega[low], n) * Steps(wHigh - wLow, n);
        var cHL = Dirichlet(wLow - bank.Omega[high], n) * Steps(wLow - wHigh, n);
        var det = (cLL * cHH) - (cLH * cHL);
        if (det.Magnitude < 1e-9)
        {
            return (0, 0);
        }

        var uLow = ((sLow * cHH) - (cLH * sHigh)) / det;
        var uHigh = ((cLL * sHigh) - (cHL * sLow)) / det;
        return (uLow.Magnitude, uHigh.Magnitude);
    }

    // sum_{m<N} e^{j d m}
    private static Complex Dirichlet(double d, int n) =>
        Math.Abs(d) < 1e-9 ? n : Complex.FromPolarCoordinates(Math.Sin(d * n / 2) / Math.Sin(d / 2), d * (n - 1) / 2);

    // sum_{k<Span} e^{j d N k}
    private static Complex Steps(double d, int n)
    {
        Complex sum = 0;
        for (var k = 0; k < Span; k++)
        {
            sum += Complex.FromPolarCoordinates(1, d * n * k);
        }

        return sum;
    }

    // sum_k P_k e^{-j step k}, in double precision.
    private Complex Sum(int first, int lane, double step)
    {
        Complex sum = 0;
        for (var k = 0; k < Span; k++)
        {
            var at = (((first + k) % Capacity) * DtmfTones.Count) + lane;
            sum += new Complex(_re[at], _im[at]) * Complex.FromPolarCoordinates(1, -step * k);
        }

        return sum;
    }

    // |sum_k P_k e^{-j(w+delta)Nk}|^2: the DFT of the whole window at w + delta.
    private float Energy(DtmfFilterBank bank, int first, int lane, float delta)
    {
        var step = (bank.Omega[lane] + delta) * bank.BlockLength;
        float re = 0, im = 0;
        for (var k = 0; k < Span; k++)
        {
            var at = (((first + k) % Capacity) * DtmfTones.Count) + lane;
            var (sin, cos) = MathF.SinCos(-step * k);
            re += (_re[at] * cos) - (_im[at] * sin);
            im += (_re[at] * sin) + (_im[at] * cos);
        }

        return (re * re) + (im * im);
    }
}
