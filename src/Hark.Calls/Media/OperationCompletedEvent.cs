namespace Hark.Calls.Media;

/// <summary>A queued operation ended.</summary>
/// <param name="OperationId">The id given when it was enqueued.</param>
/// <param name="Kind">playPrompt or record.</param>
/// <param name="Reason">Why it ended; <see cref="Result"/> maps it to status, code and subcode.</param>
/// <param name="Recording">The recording for a completed record; null when there is none (failed or playPrompt).</param>
public sealed record OperationCompletedEvent(
    string OperationId, MediaOperationKind Kind, MediaCompletionReason Reason, RecordingInfo? Recording) : MediaEvent
{
    /// <summary>Status, code and subcode for <see cref="Reason"/>.</summary>
    public MediaResultInfo Result => MediaResultCodes.For(Reason);

    /// <summary>A human-readable detail for a failure (e.g. why a prompt could not be played); null otherwise.</summary>
    public string? Message { get; init; }
}
