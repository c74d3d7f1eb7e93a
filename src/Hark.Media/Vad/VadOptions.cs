namespace Hark.Media.Vad;

/// <summary>
/// Settings of <see cref="EnergyVoiceActivityDetector"/>. Levels are in dB; frame counts are frames as
/// passed to the detector (20 ms each normally). The defaults were chosen on the labelled set described
/// in docs/media-quality.md (telephone speech in white and babble noise, 8 and 16 kHz).
/// </summary>
public sealed record VadOptions
{
    /// <summary>Upper bound of <see cref="FirstSpeechLookbackFrames"/> (10 s): a recorder keeps that much audio per call.</summary>
    public const int MaxFirstSpeechLookbackFrames = 500;

    /// <summary>Defaults suited to telephone audio.</summary>
    public static VadOptions Default { get; } = new();

    /// <summary>Rise of the 300-3400 Hz energy above the noise floor that makes a frame count toward a start (sensitivity).</summary>
    public double StartThresholdDb { get; init; } = 3.0;

    /// <summary>Rise above the noise floor that keeps a frame counted as speech once speech has started (hysteresis).</summary>
    public double ContinueThresholdDb { get; init; } = 3.0;

    /// <summary>
    /// How much more one band must rise than another (max minus min of the per-band rises) for the loud
    /// frames of an onset to count as speech. A louder copy of the same noise rises evenly in every band.
    /// </summary>
    public double SpectralChangeDb { get; init; } = 8.0;

    /// <summary>
    /// Level range among the loud frames of the onset window that also marks them as speech (speech
    /// fluctuates; a stationary noise step does not). A start needs this or <see cref="SpectralChangeDb"/>.
    /// </summary>
    public double LevelChangeDb { get; init; } = 4.0;

    /// <summary>Added to the start threshold per dB of the noise's own frame-to-frame variation, so fluctuating noise (babble) needs more.</summary>
    public double NoiseVariationFactor { get; init; } = 1.5;

    /// <summary>Loud frames needed within <see cref="OnsetWindowFrames"/> frames to confirm a speech start.</summary>
    public int OnsetFrames { get; init; } = 3;

    /// <summary>Window, in frames, over which <see cref="OnsetFrames"/> loud frames are counted (at most 32).</summary>
    public int OnsetWindowFrames { get; init; } = 4;

    /// <summary>
    /// How far, in frames, a confirmed start may reach back before the first loud frame over frames that
    /// already passed the continue threshold, so the reported onset includes the rising edge.
    /// </summary>
    public int OnsetLookbackFrames { get; init; } = 10;

    /// <summary>
    /// How many frames after the noise floor was first learned the first speech start may still be traced back to
    /// that frame. A line that is already speaking when the detector starts gives it speech as its first floor; the
    /// start is confirmed only once the floor has fallen (at the first pauses, about a second later), and without the
    /// trace-back the speech before that would be cut. 0 turns it off. A recorder needs this much pre-roll to keep it.
    /// </summary>
    public int FirstSpeechLookbackFrames { get; init; } = 64;

    /// <summary>Non-speech frames after speech before the end is reported; shorter pauses are bridged.</summary>
    public int HangoverFrames { get; init; } = 15;

    /// <summary>Absolute level (dBFS, 300-3400 Hz) below which a frame is never speech, whatever the floor.</summary>
    public double MinSpeechLevelDbfs { get; init; } = -55.0;

    /// <summary>Lowest noise floor (dBFS); stops digital silence from making the faintest hiss look like speech.</summary>
    public double MinNoiseFloorDbfs { get; init; } = -75.0;

    /// <summary>Per-frame smoothing weight when the level falls below the floor (fast, so the floor drops quickly).</summary>
    public double FloorFallRate { get; init; } = 0.1;

    /// <summary>Per-frame smoothing weight when the level is above the floor outside speech (slow rise).</summary>
    public double FloorRiseRate { get; init; } = 0.02;

    /// <summary>Rise weight for loud frames rejected as noise (even spectral rise): lets the floor follow a noise level step.</summary>
    public double NoiseStepRiseRate { get; init; } = 0.05;

    /// <summary>Rise weight during speech; tiny, so a stationary sound mistaken for speech still ends within seconds.</summary>
    public double SpeechFloorRiseRate { get; init; } = 0.005;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a setting is outside its meaningful range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(StartThresholdDb);
        ArgumentOutOfRangeException.ThrowIfNegative(ContinueThresholdDb);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ContinueThresholdDb, StartThresholdDb);
        ArgumentOutOfRangeException.ThrowIfNegative(SpectralChangeDb);
        ArgumentOutOfRangeException.ThrowIfNegative(LevelChangeDb);
        ArgumentOutOfRangeException.ThrowIfNegative(NoiseVariationFactor);
        ArgumentOutOfRangeException.ThrowIfLessThan(OnsetWindowFrames, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(OnsetWindowFrames, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(OnsetFrames, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(OnsetFrames, OnsetWindowFrames);
        ArgumentOutOfRangeException.ThrowIfNegative(OnsetLookbackFrames);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(OnsetLookbackFrames + OnsetWindowFrames, 31);
        ArgumentOutOfRangeException.ThrowIfNegative(FirstSpeechLookbackFrames);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FirstSpeechLookbackFrames, MaxFirstSpeechLookbackFrames);
        ArgumentOutOfRangeException.ThrowIfNegative(HangoverFrames);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MinNoiseFloorDbfs, MinSpeechLevelDbfs);
        ValidateRate(FloorFallRate);
        ValidateRate(FloorRiseRate);
        ValidateRate(NoiseStepRiseRate);
        ValidateRate(SpeechFloorRiseRate);
    }

    private static void ValidateRate(double rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1.0);
    }
}
