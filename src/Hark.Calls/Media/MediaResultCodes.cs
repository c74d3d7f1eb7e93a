namespace Hark.Calls.Media;

/// <summary>
/// Maps a completion reason to Graph's status, resultInfo code and subcode, and to its wire name.
/// Subcodes follow design.md: 8508 cancelled, 8509 max silence, 8510 initial silence, 8511 prompt
/// failed, 8512 beep failed, 8513 media receive timeout, 8514 stop tone, 8515 max duration.
/// Hark adds 8516 for a caller hang-up; it and 8513 (the caller's media stopped) are completed, because the
/// recording so far is kept and delivered. A played prompt is 200/0, and
/// an unspecified error is failed 500/0 (a server fault, not the bot's).
/// </summary>
public static class MediaResultCodes
{
    /// <summary>Subcode Hark uses for <see cref="MediaCompletionReason.CallerHungUp"/>.</summary>
    public const int CallerHungUpSubcode = 8516;

    /// <summary>The status, code and subcode reported for <paramref name="reason"/>.</summary>
    public static MediaResultInfo For(MediaCompletionReason reason) => reason switch
    {
        MediaCompletionReason.CompletedSuccessfully => Completed(0),
        MediaCompletionReason.OperationCanceled => Failed(8508),
        MediaCompletionReason.MaxSilenceTimeout => Completed(8509),
        MediaCompletionReason.InitialSilenceTimeout => Failed(8510),
        MediaCompletionReason.PlayPromptFailed => Failed(8511),
        MediaCompletionReason.PlayBeepFailed => Failed(8512),
        MediaCompletionReason.MediaReceiveTimeout => Completed(8513),
        MediaCompletionReason.StopToneDetected => Completed(8514),
        MediaCompletionReason.MaxRecordDurationReached => Completed(8515),
        MediaCompletionReason.CallerHungUp => Completed(CallerHungUpSubcode),
        MediaCompletionReason.UnspecifiedError => new(MediaOperationStatus.Failed, 500, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static MediaResultInfo Completed(int subcode) => new(MediaOperationStatus.Completed, 200, subcode);

    private static MediaResultInfo Failed(int subcode) => new(MediaOperationStatus.Failed, 400, subcode);
}
