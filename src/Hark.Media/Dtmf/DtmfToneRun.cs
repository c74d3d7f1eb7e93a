namespace Hark.Media.Dtmf;

/// <summary>
/// Evidence gathered for one candidate key while its tone pair keeps showing up in consecutive
/// blocks: per-group amplitudes (to estimate how much of each edge block the tone covered, which
/// gives onset, end and duration finer than a block) and phase products (to measure each tone's
/// frequency error). Reused for every run; nothing is allocated.
/// </summary>
internal sealed class DtmfToneRun
{
    private float _prevLo, _prevHi;
    private float _missLo, _missHi;
    private float _firstLo, _firstHi;
    private float _lastLo, _lastHi;
    private float _refLo, _refHi;
    private float _sumLo, _sumHi;
    private float _fineLoRe, _fineLoIm, _fineHiRe, _fineHiIm;
    private float _coarseLoRe, _coarseLoIm, _coarseHiRe, _coarseHiIm;
    private int _fineCount;
    private readonly DtmfRunWindow _window = new();
    private bool _lastWasMiss;

    public bool Active { get; private set; }

    public bool Confirmed { get; set; }

    public int Low { get; private set; }

    public int High { get; private set; }

    public DtmfKey Key => DtmfTones.KeyAt(Low, High);

    public long FirstStart { get; private set; }

    public long LastStart { get; private set; }

    public int Misses { get; private set; }

    public long Onset { get; set; }

    /// <summary>Starts a run at a block whose pair passed every check.</summary>
    public void Start(int low, int high, long start, DtmfBlockSpectrum? previous)
    {
        Active = true;
        Confirmed = false;
        Low = low;
        High = high;
        FirstStart = start;
        _prevLo = previous is null ? 0 : MathF.Sqrt(previous.Energy[low]);
        _prevHi = previous is null ? 0 : MathF.Sqrt(previous.Energy[high]);
        _refLo = _refHi = _sumLo = _sumHi = 0;
        _fineLoRe = _fineLoIm = _fineHiRe = _fineHiIm = 0;
        _coarseLoRe = _coarseLoIm = _coarseHiRe = _coarseHiIm = 0;
        _fineCount = 0;
        _window.Clear();
        Misses = 0;
        _lastWasMiss = true;
        _firstLo = _firstHi = -1;
    }

    /// <summary>Adds a block in which the run's pair is present (with phases from the previous block).</summary>
    public void Add(long start, DtmfBlockSpectrum current, DtmfBlockSpectrum previous, DtmfFilterBank bank)
    {
        if (Misses > 0)
        {
            // A bridged dropout still counts the part of the tone it held, but the 30 ms window
            // must be contiguous, so it starts over.
            _sumLo += _missLo;
            _sumHi += _missHi;
            Misses = 0;
            _window.Clear();
        }

        var aLo = MathF.Sqrt(current.Energy[Low]);
        var aHi = MathF.Sqrt(current.Energy[High]);
        if (_firstLo < 0)
        {
            _firstLo = aLo;
            _firstHi = aHi;
        }

        _lastLo = aLo;
        _lastHi = aHi;
        _sumLo += aLo;
        _sumHi += aHi;
        _refLo = MathF.Max(_refLo, aLo);
        _refHi = MathF.Max(_refHi, aHi);
        LastStart = start;
        _window.Push(current, aLo + aHi);

        AddCoarse(current, Low, ref _coarseLoRe, ref _coarseLoIm);
        AddCoarse(current, High, ref _coarseHiRe, ref _coarseHiIm);
        if (!_lastWasMiss)
        {
            AddFine(current, previous, bank, Low, ref _fineLoRe, ref _fineLoIm);
            AddFine(current, previous, bank, High, ref _fineHiRe, ref _fineHiIm);
            _fineCount++;
        }

        _lastWasMiss = false;
    }

    /// <summary>Records a block in which the pair was not confirmed; returns the consecutive miss count.</summary>
    public int Miss(DtmfBlockSpectrum current)
    {
        if (Misses == 0)
        {
            _missLo = MathF.Sqrt(current.Energy[Low]);
            _missHi = MathF.Sqrt(current.Energy[High]);
        }

        _lastWasMiss = true;
        return ++Misses;
    }

    /// <summary>Sets the amplitudes of the first block after the run (the one that ended it).</summary>
    public void SetNext(DtmfBlockSpectrum next)
    {
        if (Misses == 0)
        {
            _missLo = MathF.Sqrt(next.Energy[Low]);
            _missHi = MathF.Sqrt(next.Energy[High]);
        }
    }

    public void End() => Active = false;

    /// <summary>Estimated tone length so far in blocks; <paramref name="includeNext"/> adds the block after the run.</summary>
    public float DurationBlocks(bool includeNext)
    {
        // Every block counts the share of it the tone covered, including the block just before
        // the run (where the tone may have begun) and optionally the one just after.
        var blocks = 0.5f * ((_sumLo / _refLo) + (_sumHi / _refHi)) + EdgeCoverage(_prevLo, _prevHi);
        return includeNext ? blocks + EdgeCoverage(_missLo, _missHi) : blocks;
    }

    /// <summary>Estimated onset relative to <see cref="FirstStart"/>, in blocks (may be negative).</summary>
    /// <remarks>The tone fills the end of the block before the run and the first block up to its end
    /// (or only part of the first block), so their coverages add up to the time since onset.</remarks>
    public float OnsetOffsetBlocks() => 1 - Math.Min(1, FirstCoverage) - EdgeCoverage(_prevLo, _prevHi);

    /// <summary>Estimated end relative to <see cref="LastStart"/>, in blocks.</summary>
    public float EndOffsetBlocks() => Math.Min(1, LastCoverage) + EdgeCoverage(_missLo, _missHi);

    /// <summary>
    /// The checks that need the whole run: both measured frequencies within
    /// <paramref name="limits"/>' error, and over a 30 ms window the pair's share of the energy,
    /// its margin over the rest of each group and its twist.
    /// </summary>
    public bool Validate(DtmfFilterBank bank, in DtmfLimits limits)
    {
        var (lo, hi) = FrequencyErrors(bank);
        if (MathF.Abs(lo) > limits.MaxFrequencyError || MathF.Abs(hi) > limits.MaxFrequencyError)
        {
            return false;
        }

        return _window.TryMeasure(bank, Low, High, lo * bank.Omega[Low], hi * bank.Omega[High], out var purity, out var dominance, out var twist)
            && purity >= limits.MinPurity
            && dominance >= limits.MinDominance
            && twist <= limits.MaxNormalTwist
            && twist * limits.MaxReverseTwist >= 1;
    }

    /// <summary>Measured (low, high) relative frequency errors.</summary>
    public (float Low, float High) FrequencyErrors(DtmfFilterBank bank) =>
        (RelativeError(_fineLoRe, _fineLoIm, _coarseLoRe, _coarseLoIm, bank.Omega[Low], bank),
         RelativeError(_fineHiRe, _fineHiIm, _coarseHiRe, _coarseHiIm, bank.Omega[High], bank));

    private float FirstCoverage => 0.5f * ((_firstLo / _refLo) + (_firstHi / _refHi));

    private float LastCoverage => 0.5f * ((_lastLo / _refLo) + (_lastHi / _refHi));

    // Edge blocks may hold other sound at the pair's bins; the smaller share is the safer guess.
    private float EdgeCoverage(float lo, float hi) => MathF.Min(1f, MathF.Min(lo / _refLo, hi / _refHi));

    private float RelativeError(float fineRe, float fineIm, float coarseRe, float coarseIm, float omega, DtmfFilterBank bank)
    {
        // The half-block phase step is unambiguous over +-fs/N Hz but noisy; the block-to-block step
        // is precise but wraps every fs/N Hz, so the coarse value picks the fine value's wrap.
        var coarse = MathF.Atan2(coarseIm, coarseRe) / bank.HalfLength;
        if (_fineCount == 0)
        {
            return coarse / omega;
        }

        var n = bank.BlockLength;
        var fine = MathF.Atan2(fineIm, fineRe) / n;
        var wrap = 2 * MathF.PI / n;
        var best = fine + (MathF.Round((coarse - fine) / wrap) * wrap);
        return best / omega;
    }

    private static void AddCoarse(DtmfBlockSpectrum s, int i, ref float re, ref float im)
    {
        // Second half times conj(first half): its angle is the phase the tone gains in N/2 samples.
        var aRe = s.HalfRe[i];
        var aIm = s.HalfIm[i];
        var bRe = s.Re[i] - aRe;
        var bIm = s.Im[i] - aIm;
        re += (bRe * aRe) + (bIm * aIm);
        im += (bIm * aRe) - (bRe * aIm);
    }

    private static void AddFine(DtmfBlockSpectrum cur, DtmfBlockSpectrum prev, DtmfFilterBank bank, int i, ref float re, ref float im)
    {
        // cur * conj(prev) * e^{-jwN}: the extra phase a block gained over a nominal tone.
        var pRe = (cur.Re[i] * prev.Re[i]) + (cur.Im[i] * prev.Im[i]);
        var pIm = (cur.Im[i] * prev.Re[i]) - (cur.Re[i] * prev.Im[i]);
        re += (pRe * bank.StepRe[i]) - (pIm * bank.StepIm[i]);
        im += (pRe * bank.StepIm[i]) + (pIm * bank.StepRe[i]);
    }
}
