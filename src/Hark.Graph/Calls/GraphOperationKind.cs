namespace Hark.Graph.Calls;

/// <summary>The Graph operation types Hark creates.</summary>
public enum GraphOperationKind
{
    PlayPrompt,
    Record,
    CancelMediaProcessing,
    SubscribeToTone,
    Mute,
    Unmute,
    UpdateRecordingStatus,
    SendDtmfTones,
}
