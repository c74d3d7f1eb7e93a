using Hark.Media.Tones;
using Hark.Media.Vad;

namespace Hark.Calls.Media;

/// <summary>Settings of one call's <see cref="CallMediaProcessor"/>.</summary>
public sealed record CallMediaOptions
{
    /// <summary>Defaults: 16 kHz recordings, 0.5 s trailing silence kept, comfort noise at -70 dBFS.</summary>
    public static CallMediaOptions Default { get; } = new();

    /// <summary>WAV sample rate: 16000 (default, what Graph's samples expect) or 8000.</summary>
    public int RecordingSampleRate { get; init; } = 16000;

    /// <summary>At most this much silence after the last speech stays at the end of a recording.</summary>
    public TimeSpan TrailingSilenceKept { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// Also cut this much before a stop tone's estimated onset: the detector places an onset within a
    /// few milliseconds, and a few milliseconds of tone would still be heard as a click.
    /// </summary>
    public TimeSpan StopToneGuard { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Level of the noise played when nothing else is (dBFS); null plays digital silence.</summary>
    public double? ComfortNoiseLevelDbfs { get; init; } = ComfortNoiseGenerator.DefaultLevelDbfs;

    /// <summary>Voice activity detector settings.</summary>
    public VadOptions Vad { get; init; } = VadOptions.Default;

    /// <summary>Parameter bounds checked by the enqueue methods.</summary>
    public MediaOperationLimits Limits { get; init; } = MediaOperationLimits.Default;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a setting out of range.</summary>
    public void Validate()
    {
        if (RecordingSampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(RecordingSampleRate), RecordingSampleRate, "Recordings are 8000 or 16000 Hz.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(TrailingSilenceKept, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(StopToneGuard, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(StopToneGuard, TimeSpan.FromMilliseconds(100));
        Vad.Validate();
    }
}
