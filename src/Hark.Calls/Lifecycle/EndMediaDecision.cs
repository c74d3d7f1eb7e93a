using Hark.Calls.Media;

namespace Hark.Calls.Lifecycle;

/// <summary>
/// The media is over: call the media engine's <c>CallEnded</c> and notify every event it then yields
/// (a record in progress completes with its recording, as <see cref="RecordReason"/>) before carrying out
/// the next decision, so operation completions reach the bot before the call's terminating/terminated notification.
/// </summary>
public sealed record EndMediaDecision : CallDecision
{
    private EndMediaDecision(MediaCompletionReason recordReason) => RecordReason = recordReason;

    /// <summary>The call was hung up (by either side) or ended by Hark: a running record completes as callerHungUp.</summary>
    public static EndMediaDecision HungUp { get; } = new(MediaCompletionReason.CallerHungUp);

    /// <summary>No media arrived for too long: a running record completes as mediaReceiveTimeout.</summary>
    public static EndMediaDecision MediaLost { get; } = new(MediaCompletionReason.MediaReceiveTimeout);

    /// <summary>How a record that is listening or recording completes; its recording is kept either way.</summary>
    public MediaCompletionReason RecordReason { get; }
}
