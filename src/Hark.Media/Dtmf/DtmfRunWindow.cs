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
    /// group (energy ratio). <paramref name="deltaLow"/> and <paramref name="deltaHigh"/> are the
    /// tones' measured frequency errors in radians per sample. False if too few blocks are held.
    /// </summary>
    public bool TryMeasure(
        DtmfFilterBank bank,
        int low,
        int high,
        float deltaLow,
        float deltaHigh,
        out float purity,
        out float dominance)
    {
        purity = dominance = 0;
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
        var eLow = CorrectedEnergy(bank, first, low, deltaLow);
        var eHigh = CorrectedEnergy(bank, first, high, deltaHigh);
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
        dominance = MathF.Min(eLow / MathF.Max(worstLow, 1), eHigh / MathF.Max(worstHigh, 1));
        return true;
    }

    // Energy of a tone at the bin's frequency plus delta over the window, with the gain a 10 ms
    // block loses to that offset divided back out.
    private float CorrectedEnergy(DtmfFilterBank bank, int first, int lane, float delta)
    {
        var n = bank.BlockLength;
        var half = 0.5f * delta;
        var gain = MathF.Abs(half) < 1e-6f ? 1 : MathF.Abs(MathF.Sin(half * n) / (n * MathF.Sin(half)));
        return Energy(bank, first, lane, delta) / (gain * gain);
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
