namespace Hark.Media.Wav;

/// <summary>How one sample of one channel is stored in a WAV data chunk.</summary>
internal enum WavEncoding
{
    UnsignedPcm8,
    Pcm16,
    Pcm24,
    Pcm32,
    Float32,
    Float64,
    MuLaw,
    ALaw,
}
