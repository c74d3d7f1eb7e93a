namespace Hark.Media.Dtmf;

/// <summary>
/// In-band DTMF receiver for 8 kHz or 16 kHz PCM16, built to ITU-T Q.24: tones of 40 ms or more
/// are accepted and tones of 23 ms or less rejected; frequency errors up to 1.5 % are accepted
/// and 3.5 % or more rejected (each tone's frequency is measured by phase, not guessed from
/// filter gain); twist up to 8 dB normal (low group louder) and 4 dB reverse is accepted; each
/// tone is accepted down to -30 dBm0 and ignored at -37 dBm0 and below (0 dBm0 = a sine of peak
/// 22706, i.e. 3.17 dB below full scale as in G.711).
/// </summary>
/// <remarks>
/// <para>Audio is cut into 10 ms blocks; eight Goertzel filters run over each block in one SIMD
/// pass. A key starts when, in one block, the strongest tone of each group is at least 3 dB above
/// the others in its group, the two tones hold at least 65 % of the block's energy, both are
/// above the level floor and neither has a second harmonic within 12 dB of it. It is confirmed
/// once the pair has lasted about 31 ms (estimated to a fraction of a block from the edge blocks'
/// amplitudes), both measured frequencies are within 2.5 % and, over a 30 ms window (both tones
/// modelled at their measured frequencies), the pair holds at least 90 % of the energy, stands
/// 12 dB above the other frequencies of its group and has at most 10 dB normal / 6 dB reverse twist.
/// That last check is what keeps speech out; it also means a key needs its tones about 10 dB
/// above any noise or speech under them. One 10 ms dropout is bridged; the key is released after
/// two blocks without it or as soon as another key qualifies.</para>
/// <para>Events: <see cref="Process"/> returns the oldest pending event or
/// <see cref="DtmfEventKind.None"/>. One frame can yield two events (a release and the next
/// key's press, or a short tone's press and release together); call <see cref="TryRead"/> until
/// it returns false after each <see cref="Process"/> so none is left behind. Events come out in
/// order; the KeyDown of a key always precedes its KeyUp. Positions are sample indices since
/// the detector started, accurate to a few milliseconds in clean audio; a KeyDown is reported
/// about 30-50 ms after its onset. Nothing is allocated per frame. Not thread-safe: one detector
/// per call, fed from one thread.</para>
/// </remarks>
public sealed class DtmfDetector
{
    private const double ZeroDbm0Peak = 22706;
    private const double MinToneLevelDbm0 = -36;
    private const float MinEnergyRatio = 0.65f;
    private const float HoldEnergyRatio = 0.35f;
    private const float MinGroupDominance = 2f;
    private const float MaxBlockNormalTwist = 25f;  // 14 dB; single blocks only screen, see Limits
    private const float MaxBlockReverseTwist = 10f; // 10 dB
    private const float MaxHarmonicRatio = 0.063f;  // -12 dB
    private const double MinDurationSeconds = 0.031;
    private const int MaxBridgedBlocks = 1;

    // Over the 30 ms window: 2.5 % frequency error, 90 % of the energy, 12 dB over the rest of
    // each group, twist 10 dB normal / 6 dB reverse (between Q.24's 8/4 dB accept and 12/8 dB).
    private static readonly DtmfLimits Limits = new(0.025f, 0.9f, 15.8f, 10f, 3.98f);

    private readonly DtmfFilterBank _bank;
    private readonly DtmfToneRun _run = new();
    private readonly DtmfEventQueue _events = new();
    private readonly short[] _block;
    private readonly float _minToneEnergy;
    private readonly float _minDurationBlocks;
    private readonly bool[] _checkLowHarmonic = new bool[DtmfTones.GroupSize * DtmfTones.GroupSize];
    private DtmfBlockSpectrum _current = new();
    private DtmfBlockSpectrum _previous = new();
    private int _fill;
    private long _blocks;

    /// <summary>Creates a detector for 8000 or 16000 Hz input.</summary>
    public DtmfDetector(int sampleRate)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Only 8000 and 16000 Hz are supported.");
        }

        SampleRate = sampleRate;
        var n = sampleRate / 100;
        _bank = new DtmfFilterBank(sampleRate, n);
        _block = new short[n];
        var minPeak = ZeroDbm0Peak * Math.Pow(10, MinToneLevelDbm0 / 20);
        _minToneEnergy = (float)Math.Pow(minPeak * n / 2, 2);
        _minDurationBlocks = (float)(MinDurationSeconds * sampleRate / n);

        // A low tone's second harmonic (1394-1882 Hz) can sit inside the high tone's main lobe or
        // first sidelobe; it is only checked when at least three bins (300 Hz) from the high tone.
        var bin = (float)sampleRate / n;
        for (var lo = 0; lo < DtmfTones.GroupSize; lo++)
        {
            for (var hi = 0; hi < DtmfTones.GroupSize; hi++)
            {
                var gap = MathF.Abs((2 * DtmfTones.Frequencies[lo]) - DtmfTones.Frequencies[hi + DtmfTones.GroupSize]);
                _checkLowHarmonic[(lo * DtmfTones.GroupSize) + hi] = gap >= 3 * bin;
            }
        }
    }

    /// <summary>The input sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Samples consumed since construction or the last <see cref="Reset"/>.</summary>
    public long SamplesSeen { get; private set; }

    /// <summary>
    /// Consumes a frame (any length; normally 20 ms) and returns the oldest pending event, or
    /// <see cref="DtmfEvent.None"/>. Drain further events with <see cref="TryRead"/>.
    /// </summary>
    public DtmfEvent Process(ReadOnlySpan<short> frame)
    {
        var n = _block.Length;
        while (!frame.IsEmpty)
        {
            if (_fill == 0 && frame.Length >= n)
            {
                SamplesSeen += n;
                AnalyseBlock(frame[..n]);
                frame = frame[n..];
                continue;
            }

            var take = Math.Min(n - _fill, frame.Length);
            frame[..take].CopyTo(_block.AsSpan(_fill));
            _fill += take;
            SamplesSeen += take;
            frame = frame[take..];
            if (_fill == n)
            {
                _fill = 0;
                AnalyseBlock(_block);
            }
        }

        _events.TryDequeue(out var next);
        return next;
    }

    /// <summary>Takes the next pending event, if any.</summary>
    public bool TryRead(out DtmfEvent dtmfEvent) => _events.TryDequeue(out dtmfEvent);

    /// <summary>Forgets all state, pending events and the sample count.</summary>
    public void Reset()
    {
        _run.End();
        _events.Clear();
        _fill = 0;
        _blocks = 0;
        SamplesSeen = 0;
    }

    private void AnalyseBlock(ReadOnlySpan<short> block)
    {
        var n = _block.Length;
        var start = _blocks * n;
        _bank.Analyse(block, _current);
        var energy = _current.Energy;
        var low = ArgMax(energy, 0);
        var high = ArgMax(energy, DtmfTones.GroupSize);
        var shape = Shape(low, high);
        if (_run.Active && low == _run.Low && high == _run.High && shape >= HoldEnergyRatio)
        {
            // Holding a key needs only the pair's share; the full checks ran when it started.
            _run.Add(start, _current, _previous, _bank);
            TryConfirm();
        }
        else
        {
            var qualifies = shape >= MinEnergyRatio && Dominant(low, high) && Qualifies(block, low, high);
            if (_run.Active && (qualifies || _run.Miss(_current) > MaxBridgedBlocks))
            {
                if (qualifies)
                {
                    _run.SetNext(_current);
                }

                EndRun();
            }

            if (!_run.Active && qualifies)
            {
                _run.Start(low, high, start, _blocks > 0 ? _previous : null);
                _run.Add(start, _current, _previous, _bank);
            }
        }

        (_previous, _current) = (_current, _previous);
        _blocks++;
    }

    // The pair's share of the block's energy (about 1 for a clean pair of tones, the covered share
    // for a block the tone only partly fills), or 0 if the twist is out of range.
    private float Shape(int low, int high)
    {
        var eLo = _current.Energy[low];
        var eHi = _current.Energy[high];
        if (eLo > eHi * MaxBlockNormalTwist || eHi > eLo * MaxBlockReverseTwist)
        {
            return 0;
        }

        var total = _current.TotalEnergy;
        return total > 0 ? 2 * (eLo + eHi) / (_block.Length * total) : 0;
    }

    // Each tone stands clear of its group's other frequencies. Not asked of a block that only holds
    // a key: a few milliseconds of tone spread too widely to pass it.
    private bool Dominant(int low, int high)
    {
        var energy = _current.Energy;
        for (var i = 0; i < DtmfTones.GroupSize; i++)
        {
            if ((i != low && energy[i] * MinGroupDominance > energy[low])
                || (i + DtmfTones.GroupSize != high && energy[i + DtmfTones.GroupSize] * MinGroupDominance > energy[high]))
            {
                return false;
            }
        }

        return true;
    }

    private bool Qualifies(ReadOnlySpan<short> block, int low, int high)
    {
        var energy = _current.Energy;
        if (energy[low] < _minToneEnergy || energy[high] < _minToneEnergy)
        {
            return false;
        }

        // Only now, with a plausible pair in hand, pay for the harmonic filters.
        if (_bank.HarmonicEnergy(block, high) > energy[high] * MaxHarmonicRatio)
        {
            return false;
        }

        return !_checkLowHarmonic[(low * DtmfTones.GroupSize) + high - DtmfTones.GroupSize]
            || _bank.HarmonicEnergy(block, low) <= energy[low] * MaxHarmonicRatio;
    }

    private void TryConfirm()
    {
        if (_run.Confirmed
            || _run.DurationBlocks(includeNext: false) < _minDurationBlocks
            || !_run.Validate(_bank, Limits))
        {
            return;
        }

        Confirm();
    }

    private void Confirm()
    {
        var n = _block.Length;
        _run.Confirmed = true;
        _run.Onset = Math.Max(0, _run.FirstStart + (long)MathF.Round(_run.OnsetOffsetBlocks() * n));
        _events.Enqueue(new DtmfEvent(DtmfEventKind.KeyDown, _run.Key, _run.Onset, -1));
    }

    private void EndRun()
    {
        if (!_run.Confirmed
            && _run.DurationBlocks(includeNext: true) >= _minDurationBlocks
            && _run.Validate(_bank, Limits))
        {
            // A tone just long enough shows its last few milliseconds only in the block after it.
            Confirm();
        }

        if (_run.Confirmed)
        {
            var n = _block.Length;
            var end = _run.LastStart + (long)MathF.Round(_run.EndOffsetBlocks() * n);
            _events.Enqueue(new DtmfEvent(DtmfEventKind.KeyUp, _run.Key, _run.Onset, Math.Max(end, _run.Onset + 1)));
        }

        _run.End();
    }

    private static int ArgMax(float[] energy, int first)
    {
        var best = first;
        for (var i = first + 1; i < first + DtmfTones.GroupSize; i++)
        {
            if (energy[i] > energy[best])
            {
                best = i;
            }
        }

        return best;
    }
}
