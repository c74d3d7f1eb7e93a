namespace Hark.Calls.Media;

/// <summary>
/// Why a media operation ended. The members mirror Graph's <c>recordCompletionReason</c> names;
/// <see cref="CompletedSuccessfully"/> is <c>playPromptCompletionReason.completedSuccessfully</c>, and
/// <see cref="CallerHungUp"/> is Hark's own (Graph loses a recording when the caller hangs up).
/// </summary>
public enum MediaCompletionReason
{
    /// <summary>A playPrompt played all its prompts.</summary>
    CompletedSuccessfully,

    /// <summary>cancelMediaProcessing, a barge-in, or the call ending before the operation ran.</summary>
    OperationCanceled,

    /// <summary>A stop tone ended the recording; the tone is not in the file.</summary>
    StopToneDetected,

    /// <summary>The recording reached maxRecordDurationInSeconds.</summary>
    MaxRecordDurationReached,

    /// <summary>No speech started within initialSilenceTimeoutInSeconds of listening.</summary>
    InitialSilenceTimeout,

    /// <summary>The caller stayed silent for maxSilenceTimeoutInSeconds after speaking.</summary>
    MaxSilenceTimeout,

    /// <summary>A prompt could not be fetched or decoded.</summary>
    PlayPromptFailed,

    /// <summary>The beep could not be played (kept for the wire; the built-in beep cannot fail).</summary>
    PlayBeepFailed,

    /// <summary>No media arrived for too long (decided by the call, outside this engine).</summary>
    MediaReceiveTimeout,

    /// <summary>Anything else.</summary>
    UnspecifiedError,

    /// <summary>Hark extension: the caller hung up during the recording, which is kept.</summary>
    CallerHungUp,
}
