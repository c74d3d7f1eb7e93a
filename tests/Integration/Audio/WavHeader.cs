namespace Hark.Integration.Audio;

/// <summary>The fields of a WAV fmt chunk a format check needs.</summary>
public sealed record WavHeader(int FormatTag, int Channels, int SampleRate, int BitsPerSample)
{
    /// <summary>WAVE_FORMAT_PCM.</summary>
    public const int PcmTag = 1;
}
