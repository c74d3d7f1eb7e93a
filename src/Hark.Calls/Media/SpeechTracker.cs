using Hark.Media.Vad;

namespace Hark.Calls.Media;

/// <summary>
/// Follows the detector's speech segments in seam samples: the current (or last) segment and the end of the
/// one before it, which is what trailing-silence trimming needs when a stop tone itself looks like speech.
/// </summary>
internal sealed class SpeechTracker
{
    public bool InSpeech { get; private set; }

    /// <summary>Start of the current or last segment; -1 before any speech.</summary>
    public long Onset { get; private set; } = -1;

    /// <summary>End of the last finished segment; -1 before any.</summary>
    public long End { get; private set; } = -1;

    /// <summary>End of the segment before the current or last one; -1 if none.</summary>
    public long PreviousEnd { get; private set; } = -1;

    public void Update(VadResult result, int frameSamples)
    {
        switch (result.Transition)
        {
            case VadTransition.SpeechStart:
                PreviousEnd = End;
                InSpeech = true;
                Onset = result.TransitionFrame * frameSamples;
                break;
            case VadTransition.SpeechEnd:
                InSpeech = false;
                End = result.TransitionFrame * frameSamples;
                break;
        }
    }

    /// <summary>
    /// The end of the last speech before <paramref name="position"/>, or -1. A segment that began within
    /// <paramref name="toneMargin"/> of the position is taken to be the stop tone itself and skipped.
    /// </summary>
    public long LastSpeechEndBefore(long position, long toneMargin)
    {
        if (Onset < 0)
        {
            return -1;
        }

        if (Onset < position - toneMargin)
        {
            return InSpeech ? position : Math.Min(End, position);
        }

        return Math.Min(PreviousEnd, position);
    }
}
