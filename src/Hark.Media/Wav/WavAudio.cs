namespace Hark.Media.Wav;

/// <summary>Decoded audio: mono PCM16 at the file's own sample rate.</summary>
public sealed class WavAudio
{
    public WavAudio(int sampleRate, short[] samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentNullException.ThrowIfNull(samples);
        SampleRate = sampleRate;
        Samples = samples;
    }

    /// <summary>Samples per second.</summary>
    public int SampleRate { get; }

    /// <summary>Mono PCM16 samples (channels averaged when the file had several).</summary>
    public short[] Samples { get; }

    /// <summary>How the file stored its samples (<c>pcm16</c>, <c>float32</c>, <c>mulaw</c>…); null when not read from a file.</summary>
    public string? SourceEncoding { get; init; }

    /// <summary>The file's channel count before the mix-down to mono (1 when not read from a file).</summary>
    public int SourceChannels { get; init; } = 1;

    /// <summary>Samples.Length / SampleRate.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(Samples.LongLength * TimeSpan.TicksPerSecond / SampleRate);
}
