using System.Numerics;
using System.Runtime.Intrinsics;

namespace Hark.Media.Vad;

/// <summary>
/// Energy detector for telephone audio. Each frame is split into four bands between 300 and 3400 Hz and
/// compared with an adaptive noise floor. Speech starts when <see cref="VadOptions.OnsetFrames"/> of the
/// last <see cref="VadOptions.OnsetWindowFrames"/> frames rise far enough above the floor and those frames
/// either rise unevenly across the bands or vary in level (a louder copy of stationary noise does neither);
/// it ends after <see cref="VadOptions.HangoverFrames"/> quiet frames. A first start that was already under way
/// when the floor was learned is traced back to that frame (<see cref="VadOptions.FirstSpeechLookbackFrames"/>).
/// Allocates nothing per frame.
/// </summary>
public sealed class EnergyVoiceActivityDetector : IVoiceActivityDetector
{
    private const int BandCount = BandFilterBank.BandCount;
    private const int RingSize = 32;
    private const double InitialVariationDb = 2.0;

    // 100 ms of 20 ms frames: long enough that a line starting with a few zeroed frames still learns its real floor.
    private const int DigitalSilenceFramesForFloor = 5;
    private const double VariationRate = 0.05;
    private const int QuietGuardFrames = 6;

    // Bands of coloured noise sit far below the total level, so their floors get a lower limit.
    private const double BandFloorMarginDb = 25;

    // Band edges (Hz): roughly octave bands across the telephone channel.
    private static readonly double[] s_bandEdges = [300, 600, 1200, 2400, 3400];

    private readonly VadOptions _options;
    private readonly BandFilterBank _bands;
    private readonly double[] _bandLevel = new double[BandCount];
    private readonly double[] _bandFloor = new double[BandCount];
    private readonly double[] _levelRing = new double[RingSize];
    private readonly double[] _spreadRing = new double[RingSize];
    private readonly bool[] _activeRing = new bool[RingSize];

    // Levels of the frames since the floor was learned, until the first speech: enough to trace that speech back.
    private readonly float[] _firstLevels;
    private readonly uint _windowMask;

    private double _floor;
    private double _variation;
    private bool _floorSet;
    private long _frameIndex;
    private bool _inSpeech;
    private uint _loudFrames;
    private int _quietRun;
    private int _digitalSilenceRun;
    private int _framesSinceLoud;
    private long _lastActiveFrame;
    private long _floorFrame;
    private bool _spoken;

    /// <summary>Creates a detector for <paramref name="sampleRate"/> Hz mono PCM16 frames.</summary>
    /// <param name="sampleRate">8000 to 48000 Hz.</param>
    /// <param name="options">Settings; <see cref="VadOptions.Default"/> when null.</param>
    public EnergyVoiceActivityDetector(int sampleRate, VadOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 48000);
        _options = options ?? VadOptions.Default;
        _options.Validate();
        SampleRate = sampleRate;
        _bands = new BandFilterBank(s_bandEdges, sampleRate);

        _windowMask = _options.OnsetWindowFrames == 32 ? uint.MaxValue : (1u << _options.OnsetWindowFrames) - 1;
        _firstLevels = new float[_options.FirstSpeechLookbackFrames];
        Reset();
    }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <summary>Current noise floor of the 300-3400 Hz band, in dBFS (for diagnostics).</summary>
    public double NoiseFloorDbfs => _floor;

    /// <inheritdoc />
    public VadResult Process(ReadOnlySpan<short> frame)
    {
        if (frame.IsEmpty)
        {
            throw new ArgumentException("A frame needs at least one sample.", nameof(frame));
        }

        var index = _frameIndex++;
        var level = MeasureBands(frame);
        var spread = BandRiseSpread();
        var o = _options;

        if (!_floorSet)
        {
            // A frame or two of digital silence says nothing about the line's noise: wait for the first real frame.
            // A longer run is a line that really is silent (a virtual caller, a muted leg); its floor is the minimum,
            // so speech that follows is heard from its first frame rather than taken for the line's noise.
            _digitalSilenceRun = level > o.MinNoiseFloorDbfs ? 0 : _digitalSilenceRun + 1;
            if (level > o.MinNoiseFloorDbfs || _digitalSilenceRun >= DigitalSilenceFramesForFloor)
            {
                InitializeFloor(level, index);
            }

            return new VadResult(false, VadTransition.None, index, index);
        }

        KeepFirstLevel(index, level);

        var rise = level - _floor;
        var audible = level >= o.MinSpeechLevelDbfs;
        var variationAllowance = o.NoiseVariationFactor * _variation;
        var active = audible && rise >= o.ContinueThresholdDb + variationAllowance;
        var slot = (int)(index & (RingSize - 1));
        _levelRing[slot] = level;
        _spreadRing[slot] = spread;
        _activeRing[slot] = active;

        if (_inSpeech)
        {
            AdaptFloor(level, o.FloorFallRate, o.SpeechFloorRiseRate);
            if (active)
            {
                _quietRun = 0;
                _lastActiveFrame = index;
                return new VadResult(true, VadTransition.None, index, index);
            }

            _quietRun++;
            if (_quietRun <= o.HangoverFrames)
            {
                return new VadResult(true, VadTransition.None, index, index);
            }

            _inSpeech = false;
            _loudFrames = 0;
            _framesSinceLoud = 0;
            return new VadResult(false, VadTransition.SpeechEnd, index, _lastActiveFrame + 1);
        }

        var loud = audible && rise >= o.StartThresholdDb + variationAllowance;
        _loudFrames = ((_loudFrames << 1) | (loud ? 1u : 0u)) & _windowMask;

        if (!loud)
        {
            // Right after loud frames the quiet ones may be weak speech: let the floor fall, not rise.
            var nearLoud = ++_framesSinceLoud <= QuietGuardFrames;
            if (!nearLoud)
            {
                _variation += VariationRate * (Math.Max(0, rise) - _variation);
            }

            AdaptFloor(level, o.FloorFallRate, nearLoud ? 0 : o.FloorRiseRate);
            return new VadResult(false, VadTransition.None, index, index);
        }

        _framesSinceLoud = 0;
        if (BitOperations.PopCount(_loudFrames) < o.OnsetFrames)
        {
            // A possible onset: hold the floor until it is confirmed or rejected.
            AdaptFloor(level, o.FloorFallRate, 0);
            return new VadResult(false, VadTransition.None, index, index);
        }

        if (!LoudFramesChange(index))
        {
            // Loud, spectrally even and steady: the noise itself got louder, so follow it faster.
            AdaptFloor(level, o.FloorFallRate, o.NoiseStepRiseRate);
            return new VadResult(false, VadTransition.None, index, index);
        }

        _inSpeech = true;
        _quietRun = 0;
        _lastActiveFrame = index;
        var onset = OnsetFrame(index);
        if (!_spoken)
        {
            _spoken = true;
            onset = FirstSpeechOnset(index, onset, variationAllowance);
        }

        return new VadResult(true, VadTransition.SpeechStart, index, onset);
    }

    private void KeepFirstLevel(long index, double level)
    {
        var age = index - _floorFrame;
        if (!_spoken && age < _firstLevels.Length)
        {
            _firstLevels[age] = (float)level;
        }
    }

    /// <summary>
    /// The first speech's onset, moved back to the frame the floor was learned from when speech was already going on
    /// then (the floor started at speech level and had to fall before any start could be confirmed). Judged by the
    /// floor known now, the opening frames must pass the start rule (stationary noise at the start sits at the floor
    /// and fails it), and the opening sound must either run on into the confirmed speech with no pause longer than the
    /// hangover (one segment, had the floor been known), or, when such a pause parts them, have fallen and risen again
    /// by <see cref="VadOptions.LevelChangeDb"/> before it, as syllables do: a caller's "hello?" before a pause is kept,
    /// a stationary burst that stops (it only falls) is not.
    /// </summary>
    private long FirstSpeechOnset(long index, long onset, double variationAllowance)
    {
        if (onset <= _floorFrame || index - _floorFrame >= _firstLevels.Length)
        {
            return onset;
        }

        var o = _options;
        var loudLevel = Math.Max(o.MinSpeechLevelDbfs, _floor + o.StartThresholdDb + variationAllowance);
        var activeLevel = Math.Max(o.MinSpeechLevelDbfs, _floor + o.ContinueThresholdDb + variationAllowance);
        var window = (int)Math.Min(o.OnsetWindowFrames, index - _floorFrame + 1);
        var loud = 0;
        for (var age = 0; age < window; age++)
        {
            loud += _firstLevels[age] >= loudLevel ? 1 : 0;
        }

        if (loud < o.OnsetFrames)
        {
            return onset;
        }

        double high = double.MinValue, low = double.MaxValue;
        bool fell = false, varied = false;
        var quietRun = 0;
        for (var age = 0; age < onset - _floorFrame; age++)
        {
            var level = _firstLevels[age];
            quietRun = level >= activeLevel ? 0 : quietRun + 1;
            if (quietRun > o.HangoverFrames)
            {
                return varied ? _floorFrame : onset;
            }

            // A fall of LevelChangeDb from the highest level so far, then a rise as large from the lowest since.
            if (fell)
            {
                varied |= level >= activeLevel && level >= low + o.LevelChangeDb;
                low = Math.Min(low, level);
            }
            else
            {
                fell = level <= high - o.LevelChangeDb;
                low = level;
                high = Math.Max(high, level);
            }
        }

        return _floorFrame;
    }

    /// <summary>
    /// First frame of the confirmed speech: the oldest loud frame of the window, extended back over
    /// the frames just before it that already passed the continue threshold (the rising edge).
    /// </summary>
    private long OnsetFrame(long index)
    {
        var first = index - BitOperations.Log2(_loudFrames);
        var oldest = Math.Max(0, index - (RingSize - 1));
        for (var n = 0; n < _options.OnsetLookbackFrames && first - 1 >= oldest; n++)
        {
            if (!_activeRing[(int)((first - 1) & (RingSize - 1))])
            {
                break;
            }

            first--;
        }

        return first;
    }

    /// <summary>
    /// True when the loud frames of the onset window differ in level or rise unevenly across bands,
    /// as speech does; a louder copy of stationary noise does neither.
    /// </summary>
    private bool LoudFramesChange(long index)
    {
        double min = double.MaxValue, max = double.MinValue, spread = 0;
        var mask = _loudFrames;
        while (mask != 0)
        {
            var age = BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            var slot = (int)((index - age) & (RingSize - 1));
            min = Math.Min(min, _levelRing[slot]);
            max = Math.Max(max, _levelRing[slot]);
            spread = Math.Max(spread, _spreadRing[slot]);
        }

        return spread >= _options.SpectralChangeDb || max - min >= _options.LevelChangeDb;
    }

    /// <inheritdoc />
    public void Reset()
    {
        _bands.Clear();
        for (var b = 0; b < BandCount; b++)
        {
            _bandFloor[b] = _options.MinNoiseFloorDbfs - BandFloorMarginDb;
        }

        _floor = _options.MinNoiseFloorDbfs;
        _variation = InitialVariationDb;
        _floorSet = false;
        _digitalSilenceRun = 0;
        _frameIndex = 0;
        _inSpeech = false;
        _loudFrames = 0;
        _quietRun = 0;
        _framesSinceLoud = QuietGuardFrames;
        _lastActiveFrame = -1;
        _floorFrame = 0;
        _spoken = false;
        Array.Clear(_activeRing);
    }

    /// <summary>Filters the frame into the bands, stores each band's level and returns the total level (dBFS).</summary>
    private double MeasureBands(ReadOnlySpan<short> frame)
    {
        var meanSquares = _bands.MeanSquares(frame);
        Decibels.FromMeanSquare(meanSquares).CopyTo(_bandLevel);
        return Decibels.FromMeanSquare(Vector256.Sum(meanSquares));
    }

    /// <summary>Largest minus smallest band rise above the band floors: near zero for a level change of the same noise.</summary>
    private double BandRiseSpread()
    {
        double max = double.MinValue;
        double min = double.MaxValue;
        for (var b = 0; b < BandCount; b++)
        {
            var rise = _bandLevel[b] - _bandFloor[b];
            max = Math.Max(max, rise);
            min = Math.Min(min, rise);
        }

        return max - min;
    }

    private void InitializeFloor(double level, long index)
    {
        _floorSet = true;
        _floorFrame = index;
        KeepFirstLevel(index, level);
        _floor = Math.Max(level, _options.MinNoiseFloorDbfs);
        for (var b = 0; b < BandCount; b++)
        {
            _bandFloor[b] = Math.Max(_bandLevel[b], _options.MinNoiseFloorDbfs - BandFloorMarginDb);
        }
    }

    /// <summary>Asymmetric smoothing in dB of the total and band floors toward this frame's levels.</summary>
    private void AdaptFloor(double level, double fallRate, double riseRate)
    {
        var min = _options.MinNoiseFloorDbfs;
        _floor = Smooth(_floor, level, fallRate, riseRate, min);
        for (var b = 0; b < BandCount; b++)
        {
            _bandFloor[b] = Smooth(_bandFloor[b], _bandLevel[b], fallRate, riseRate, min - BandFloorMarginDb);
        }
    }

    private static double Smooth(double floor, double level, double fallRate, double riseRate, double min)
    {
        var delta = level - floor;
        var next = floor + ((delta < 0 ? fallRate : riseRate) * delta);
        return Math.Max(next, min);
    }
}
