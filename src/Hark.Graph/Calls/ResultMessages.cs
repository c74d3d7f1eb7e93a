using Hark.Calls.Media;

namespace Hark.Graph.Calls;

/// <summary>The resultInfo message for a finished media operation, in Graph's wording where Graph has one.</summary>
internal static class ResultMessages
{
    public static string For(MediaCompletionReason reason, string? detail) => reason switch
    {
        MediaCompletionReason.CompletedSuccessfully => "Action completed successfully.",
        MediaCompletionReason.OperationCanceled => "Action failed, the operation was cancelled.",
        MediaCompletionReason.StopToneDetected => "Action completed, stop tone detected.",
        MediaCompletionReason.MaxRecordDurationReached => "Action completed, max record duration reached.",
        MediaCompletionReason.MaxSilenceTimeout => "Action completed, max silence timeout reached.",
        MediaCompletionReason.InitialSilenceTimeout => "Action failed, initial silence timeout: no speech was heard.",
        MediaCompletionReason.PlayPromptFailed => "Action failed, the prompt could not be played: " + (detail ?? "unknown reason."),
        MediaCompletionReason.PlayBeepFailed => "Action failed, the beep could not be played.",
        MediaCompletionReason.MediaReceiveTimeout => "Action completed, no media was received from the caller for too long; the recording so far is kept.",
        MediaCompletionReason.CallerHungUp => "Action completed, the caller hung up; the recording so far is kept.",
        _ => "Action failed, unspecified error." + (detail is null ? "" : " " + detail),
    };
}
