namespace Hark.Media.Vad;

/// <summary>
/// Frame-by-frame speech detector. Time is the count of frames passed to <see cref="Process"/>;
/// implementations keep no clock, so a model-based detector can replace the energy one unchanged.
/// </summary>
public interface IVoiceActivityDetector
{
    /// <summary>Sample rate of the PCM16 frames this detector expects, in Hz.</summary>
    int SampleRate { get; }

    /// <summary>Classifies the next frame (normally 20 ms of mono PCM16) and reports any decision change.</summary>
    VadResult Process(ReadOnlySpan<short> frame);

    /// <summary>Forgets the noise estimate and state; the next frame is frame 0 again.</summary>
    void Reset();
}
