namespace Hark.Media.Vad;

/// <summary>A change of the detector's speech decision reported on one frame.</summary>
public enum VadTransition
{
    /// <summary>The decision did not change on this frame.</summary>
    None,

    /// <summary>Speech was confirmed on this frame; it began at <see cref="VadResult.TransitionFrame"/>.</summary>
    SpeechStart,

    /// <summary>The hangover ran out on this frame; speech ended at <see cref="VadResult.TransitionFrame"/>.</summary>
    SpeechEnd,
}
