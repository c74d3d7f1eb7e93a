namespace Hark.Calls.Lifecycle;

/// <summary>
/// The media is over: call the media engine's <c>CallEnded()</c> and notify every event it then yields
/// (a record in progress completes with its recording) before carrying out the next decision, so
/// operation completions reach the bot before the call's terminating/terminated notification.
/// </summary>
public sealed record EndMediaDecision : CallDecision
{
    /// <summary>The one instance.</summary>
    public static EndMediaDecision Instance { get; } = new();

    private EndMediaDecision()
    {
    }
}
