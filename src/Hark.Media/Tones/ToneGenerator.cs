namespace Hark.Media.Tones;

/// <summary>
/// Streams a sine tone of fixed length with raised-cosine (Hann) fade-in and fade-out so it starts and
/// stops without a click. Levels are dBFS of the peak: 0 dBFS is a full-scale sine (peak 32767).
/// </summary>
/// <remarks>
/// A phase accumulator carries the oscillator across <see cref="Read"/> calls, so any frame sizes give the
/// same samples. Nothing is allocated after construction.
/// </remarks>
public sealed class ToneGenerator
{
    /// <summary>Default beep pitch. 1 kHz is the conventional "record after the tone" beep and sits in
    /// the middle of the telephone band, so it survives G.711 and any codec untouched.</summary>
    public const double DefaultBeepFrequencyHz = 1000;

    /// <summary>Default beep level: clearly audible without being harsh next to speech at about -20 dBFS.</summary>
    public const double DefaultBeepLevelDbfs = -12;

    /// <summary>Default beep length: 400 ms.</summary>
    public static readonly TimeSpan DefaultBeepDuration = TimeSpan.FromMilliseconds(400);

    /// <summary>Default fade length: 8 ms, long enough to remove the click, short enough to keep the attack crisp.</summary>
    public static readonly TimeSpan DefaultRamp = TimeSpan.FromMilliseconds(8);

    private readonly double _amplitude;
    private readonly double _step;
    private readonly double[] _ramp;
    private double _phase;
    private int _position;

    /// <summary>Creates a tone generator.</summary>
    /// <param name="sampleRate">Output rate in Hz.</param>
    /// <param name="frequencyHz">Tone frequency, above 0 and below half the sample rate.</param>
    /// <param name="duration">Total length including the ramps; rounded to whole samples.</param>
    /// <param name="amplitudeDbfs">Peak level in dBFS, at most 0.</param>
    /// <param name="ramp">Length of each fade; capped at half the duration.</param>
    public ToneGenerator(int sampleRate, double frequencyHz, TimeSpan duration, double amplitudeDbfs, TimeSpan ramp)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (!(frequencyHz > 0 && frequencyHz < sampleRate / 2.0))
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, "Must be above 0 and below half the sample rate.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (!(amplitudeDbfs <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(amplitudeDbfs), amplitudeDbfs, "Must be 0 dBFS or lower.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ramp, TimeSpan.Zero);

        SampleRate = sampleRate;
        FrequencyHz = frequencyHz;
        TotalSamples = checked((int)Math.Round(duration.Ticks * (double)sampleRate / TimeSpan.TicksPerSecond));
        _amplitude = short.MaxValue * Math.Pow(10, amplitudeDbfs / 20);
        _step = 2 * Math.PI * frequencyHz / sampleRate;

        // Gain for the n-th sample from either end; starts at exactly 0.
        var rampLength = Math.Min((int)Math.Round(ramp.Ticks * (double)sampleRate / TimeSpan.TicksPerSecond), TotalSamples / 2);
        _ramp = new double[rampLength];
        for (var n = 0; n < rampLength; n++)
        {
            _ramp[n] = 0.5 * (1 - Math.Cos(Math.PI * n / rampLength));
        }
    }

    /// <summary>Output rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Tone frequency in Hz.</summary>
    public double FrequencyHz { get; }

    /// <summary>Length of the whole tone in samples.</summary>
    public int TotalSamples { get; }

    /// <summary>True once every sample has been read.</summary>
    public bool IsFinished => _position >= TotalSamples;

    /// <summary>
    /// The default beep: <see cref="DefaultBeepFrequencyHz"/> for <see cref="DefaultBeepDuration"/> at
    /// <see cref="DefaultBeepLevelDbfs"/> with <see cref="DefaultRamp"/> fades.
    /// </summary>
    public static ToneGenerator CreateBeep(int sampleRate) =>
        new(sampleRate, DefaultBeepFrequencyHz, DefaultBeepDuration, DefaultBeepLevelDbfs, DefaultRamp);

    /// <summary>
    /// Writes the next samples (up to the destination length) and returns how many; 0 when finished.
    /// </summary>
    public int Read(Span<short> destination)
    {
        var count = Math.Min(destination.Length, TotalSamples - _position);
        var ramp = _ramp.AsSpan();
        var last = TotalSamples - 1;
        for (var i = 0; i < count; i++)
        {
            var n = _position + i;
            var fromEnd = last - n;
            var gain = n < ramp.Length ? ramp[n] : fromEnd < ramp.Length ? ramp[fromEnd] : 1.0;
            destination[i] = (short)Math.Round(_amplitude * gain * Math.Sin(_phase));
            _phase += _step;
            if (_phase >= 2 * Math.PI)
            {
                _phase -= 2 * Math.PI;
            }
        }

        _position += count;
        return count;
    }

    /// <summary>Rewinds to the first sample.</summary>
    public void Reset()
    {
        _position = 0;
        _phase = 0;
    }
}
