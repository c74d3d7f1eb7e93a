namespace Hark.Calls.Media;

/// <summary>Where a queued operation is in its life.</summary>
internal enum OperationPhase
{
    NotStarted,
    Prompt,
    Beep,
    Listening,
    Recording,
    Done,
}
