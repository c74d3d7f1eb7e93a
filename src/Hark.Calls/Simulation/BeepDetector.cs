namespace Hark.Calls.Simulation;

/// <summary>
/// Finds a ~1 kHz tone of at least 150 ms: 10 ms blocks whose Goertzel power at 1000 Hz holds most
/// of the block's energy, in an unbroken run. The onset is then placed at sample accuracy by walking
/// back from the end of the run's first block while every tone period still has a sample above 5 %
/// of the tone's amplitude (so a fade-in is found a millisecond or so after it starts).
/// </summary>
/// <remarks>Speech puts its energy across many harmonics, so no block passes the share test for long.</remarks>
internal sealed class BeepDetector
{
    private const double FrequencyHz = 1000;
    private const double MinShare = 0.7;
    private const double MinMeanSquare = 184.0 * 184.0; // about -45 dBFS RMS
    private const double MinDurationSeconds = 0.150;

    private readonly int _blockSize;
    private readonly double _coefficient;
    private readonly long _minSamples;
    private int _fill;
    private double _s1;
    private double _s2;
    private double _energy;
    private long _blockStart;
    private bool _inRun;
    private bool _confirmed;
    private int _runBlocks;
    private readonly short[] _history;
    private readonly int _period;
    private long _runOnset;

    public BeepDetector(int sampleRate)
    {
        _blockSize = sampleRate / 100;
        _coefficient = 2 * Math.Cos(2 * Math.PI * FrequencyHz / sampleRate);
        _minSamples = (long)Math.Round(MinDurationSeconds * sampleRate);
        _period = (int)Math.Ceiling(sampleRate / FrequencyHz);

        // The block before the run, the run's first block and the block being filled.
        _history = new short[3 * _blockSize];
    }

    /// <summary>How many beeps have been confirmed so far.</summary>
    public int Count { get; private set; }

    /// <summary>Estimated first sample of the latest confirmed beep.</summary>
    public long LastOnset { get; private set; } = -1;

    /// <summary>The sample just after the block that confirmed the latest beep (when it became known).</summary>
    public long LastConfirmedAt { get; private set; } = -1;

    public void Process(ReadOnlySpan<short> samples)
    {
        foreach (var x in samples)
        {
            var s = x + (_coefficient * _s1) - _s2;
            _s2 = _s1;
            _s1 = s;
            _energy += (double)x * x;
            _history[(2 * _blockSize) + _fill] = x;
            if (++_fill == _blockSize)
            {
                EndBlock();
            }
        }
    }

    private void EndBlock()
    {
        var power = (_s1 * _s1) + (_s2 * _s2) - (_coefficient * _s1 * _s2);

        // For a sine on the bin, 2 * power / (N * energy) is 1; spread-out signals score far less.
        var share = _energy > 0 ? 2 * power / (_blockSize * _energy) : 0;
        var qualifies = share >= MinShare && _energy >= MinMeanSquare * _blockSize / 4;
        var blockEnd = _blockStart + _blockSize;
        if (!qualifies)
        {
            _inRun = false;
            _confirmed = false;
        }
        else if (!_inRun)
        {
            _inRun = true;
            _runBlocks = 1;
            _runOnset = _blockStart;
        }
        else
        {
            if (++_runBlocks == 2)
            {
                _runOnset = _blockStart - (2 * _blockSize) + FindOnset();
            }

            if (!_confirmed && blockEnd - _runOnset >= _minSamples)
            {
                _confirmed = true;
                Count++;
                LastOnset = _runOnset;
                LastConfirmedAt = blockEnd;
            }
        }

        _history.AsSpan(_blockSize).CopyTo(_history);
        _blockStart = blockEnd;
        _fill = 0;
        _s1 = 0;
        _s2 = 0;
        _energy = 0;
    }

    // Called at the end of the run's second block (history = block before the run, first block,
    // second block); returns the onset's index within the history.
    private int FindOnset()
    {
        var amplitude = Math.Sqrt(2 * _energy / _blockSize);
        var threshold = 0.05 * amplitude;
        var lastLoud = 2 * _blockSize;
        for (var i = (2 * _blockSize) - 1; i >= 0 && i >= lastLoud - _period; i--)
        {
            if (Math.Abs((int)_history[i]) > threshold)
            {
                lastLoud = i;
            }
        }

        return lastLoud;
    }
}
