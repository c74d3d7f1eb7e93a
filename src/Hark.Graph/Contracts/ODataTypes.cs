namespace Hark.Graph.Contracts;

/// <summary>The <c>@odata.type</c> values Hark reads and writes.</summary>
public static class ODataTypes
{
    public const string Call = "#microsoft.graph.call";
    public const string RecordOperation = "#microsoft.graph.recordOperation";
    public const string PlayPromptOperation = "#microsoft.graph.playPromptOperation";
    public const string CancelMediaProcessingOperation = "#microsoft.graph.cancelMediaProcessingOperation";
    public const string SubscribeToToneOperation = "#microsoft.graph.subscribeToToneOperation";
    public const string ResultInfo = "#microsoft.graph.resultInfo";
    public const string ToneInfo = "#microsoft.graph.toneInfo";
    public const string MediaPrompt = "#microsoft.graph.mediaPrompt";
    public const string MediaInfo = "#microsoft.graph.mediaInfo";
    public const string ServiceHostedMediaConfig = "#microsoft.graph.serviceHostedMediaConfig";
    public const string AppHostedMediaConfig = "#microsoft.graph.appHostedMediaConfig";
    public const string CommsNotifications = "#microsoft.graph.commsNotifications";
    public const string CommunicationsIdentitySet = "#microsoft.graph.communicationsIdentitySet";
    public const string Identity = "#microsoft.graph.identity";
    public const string ParticipantInfo = "#microsoft.graph.participantInfo";
    public const string InvitationParticipantInfo = "#microsoft.graph.invitationParticipantInfo";
    public const string CallMediaState = "#microsoft.graph.callMediaState";
    public const string IncomingContext = "#microsoft.graph.incomingContext";
    public const string Participant = "#microsoft.graph.participant";
    public const string MediaStream = "#microsoft.graph.mediaStream";
    public const string RecordingInfo = "#microsoft.graph.recordingInfo";
    public const string MuteParticipantOperation = "#microsoft.graph.muteParticipantOperation";
    public const string UnmuteParticipantOperation = "#microsoft.graph.unmuteParticipantOperation";
    public const string UpdateRecordingStatusOperation = "#microsoft.graph.updateRecordingStatusOperation";
    public const string SendDtmfTonesOperation = "#microsoft.graph.sendDtmfTonesOperation";
    public const string CommsNotification = "#microsoft.graph.commsNotification";

    /// <summary>
    /// True when <paramref name="value"/> names <paramref name="expected"/>; the leading '#' and case
    /// are optional because hand-written bodies vary and Graph's own parser is lenient about both.
    /// </summary>
    public static bool Matches(string? value, string expected)
    {
        if (value is null)
        {
            return false;
        }

        var name = value.StartsWith('#') ? value.AsSpan(1) : value.AsSpan();
        return name.Equals(expected.AsSpan(1), StringComparison.OrdinalIgnoreCase);
    }
}
