namespace Hark.Media.Vad;

/// <summary>The detector's decision for one frame.</summary>
/// <param name="IsSpeech">True while the detector is in speech (including the hangover after it).</param>
/// <param name="Transition">Whether speech started or ended on this frame.</param>
/// <param name="FrameIndex">Zero-based index of the frame just processed.</param>
/// <param name="TransitionFrame">
/// For <see cref="VadTransition.SpeechStart"/>, the first frame of the speech (earlier than
/// <paramref name="FrameIndex"/> by the confirmation delay, so a recorder can keep the onset); for
/// <see cref="VadTransition.SpeechEnd"/>, the first frame after the last speech frame (the hangover is not speech).
/// Equals <paramref name="FrameIndex"/> when there is no transition.
/// </param>
public readonly record struct VadResult(bool IsSpeech, VadTransition Transition, long FrameIndex, long TransitionFrame);
