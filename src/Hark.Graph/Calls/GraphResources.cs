using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Graph.Contracts;
using GraphCallState = Hark.Graph.Contracts.CallState;
using GraphCallDirection = Hark.Graph.Contracts.CallDirection;

namespace Hark.Graph.Calls;

/// <summary>Builds the Graph resources (call, operations) Hark returns and notifies, from call-layer facts.</summary>
internal static class GraphResources
{
    public static Call Call(CallInfo info, Hark.Calls.Lifecycle.CallState state, CallResultInfo? result = null, bool audioActive = false, ToneInfo? tone = null)
    {
        var incoming = info.Direction == Hark.Calls.Lifecycle.CallDirection.Incoming;
        var remote = Identities(phone: info.RemoteNumber);

        // The bot's side: the application, and on an incoming call also the number the caller dialled.
        var bot = Identities(application: info.ApplicationId, phone: incoming ? info.LocalNumber : null);
        return new()
        {
            OdataId = info.ResourcePath,
            Id = info.Id,
            State = Enum.Parse<GraphCallState>(state.ToString()),
            Direction = incoming ? GraphCallDirection.Incoming : GraphCallDirection.Outgoing,
            CallbackUri = info.CallbackUri,
            Subject = info.Subject,
            Source = incoming
                ? new ParticipantInfo { OdataType = ODataTypes.ParticipantInfo, Identity = remote, ParticipantId = info.RemoteParticipantId, EndpointType = EndpointType.Default }
                : new ParticipantInfo { OdataType = ODataTypes.ParticipantInfo, Identity = bot, ParticipantId = info.MyParticipantId },
            Targets = incoming
                ? [new InvitationParticipantInfo { OdataType = ODataTypes.InvitationParticipantInfo, Identity = bot, ParticipantId = info.MyParticipantId }]
                : [new InvitationParticipantInfo { OdataType = ODataTypes.InvitationParticipantInfo, Identity = remote, ParticipantId = info.RemoteParticipantId }],
            RequestedModalities = [Modality.Audio],
            MediaState = audioActive ? new CallMediaState { Audio = MediaState.Active } : null,
            ResultInfo = result is null ? null : new ResultInfo { Code = result.Code, Subcode = result.Subcode, Message = result.Message },
            MyParticipantId = info.MyParticipantId,
            CallChainId = info.CallChainId,
            TenantId = info.TenantId,
            ToneInfo = tone,
            IncomingContext = incoming ? new IncomingContext { SourceParticipantId = info.RemoteParticipantId } : null,
        };
    }

    /// <summary>
    /// A <c>communicationsIdentitySet</c> (the subtype that has <c>phone</c>), typed down to each identity, so
    /// the SDK reads <c>Source.Identity</c> as its <c>CommunicationsIdentitySet</c> with <c>Phone.Id</c> set.
    /// </summary>
    public static IdentitySet Identities(string? application = null, string? phone = null) => new()
    {
        OdataType = ODataTypes.CommunicationsIdentitySet,
        Application = application is null ? null : new Identity { OdataType = ODataTypes.Identity, Id = application },
        Phone = string.IsNullOrEmpty(phone) ? null : new Identity { OdataType = ODataTypes.Identity, Id = phone },
    };

    /// <summary>
    /// The call's two participants as Graph shows them: the far end, then the bot, whose <c>isMuted</c> and audio
    /// stream's <c>serverMuted</c> follow mute/unmute and whose <c>recordingInfo</c> follows updateRecordingStatus.
    /// </summary>
    public static Participant[] Participants(CallInfo info, bool botMuted, RecordingStatus? recordingStatus)
    {
        var incoming = info.Direction == Hark.Calls.Lifecycle.CallDirection.Incoming;
        var bot = Identities(application: info.ApplicationId, phone: incoming ? info.LocalNumber : null);
        return
        [
            new Participant
            {
                Id = info.RemoteParticipantId,
                Info = new ParticipantInfo
                {
                    OdataType = ODataTypes.ParticipantInfo, Identity = Identities(phone: info.RemoteNumber),
                    ParticipantId = info.RemoteParticipantId, EndpointType = EndpointType.Default,
                },
                IsInLobby = false,
                IsMuted = false,
                MediaStreams = [AudioStream(info.RemoteParticipantId, serverMuted: false)],
            },
            new Participant
            {
                Id = info.MyParticipantId,
                Info = new ParticipantInfo { OdataType = ODataTypes.ParticipantInfo, Identity = bot, ParticipantId = info.MyParticipantId },
                IsInLobby = false,
                IsMuted = botMuted,
                MediaStreams = [AudioStream(info.MyParticipantId, botMuted)],
                RecordingInfo = recordingStatus is { } status ? new Contracts.RecordingInfo { Initiator = bot, RecordingStatus = status } : null,
            },
        ];
    }

    private static MediaStream AudioStream(string participantId, bool serverMuted) => new()
    {
        MediaType = Modality.Audio, Label = "main-audio", SourceId = participantId, Direction = MediaDirection.SendReceive, ServerMuted = serverMuted,
    };

    /// <summary>A just-accepted operation: running (queued media work) or already completed.</summary>
    public static CommsOperation Started(CallInfo call, OperationInfo op, bool completed) => Build(
        call, op, completed ? OperationStatus.Completed : OperationStatus.Running, resultInfo: null, location: null, token: null, reason: null);

    /// <summary>A finished playPrompt or record.</summary>
    public static CommsOperation Finished(CallInfo call, OperationInfo op, OperationCompletedEvent done, string? location, string? token)
    {
        var result = done.Result;
        var resultInfo = new ResultInfo { Code = result.Code, Subcode = result.Subcode, Message = ResultMessages.For(done.Reason, done.Message) };
        var status = result.Status == MediaOperationStatus.Completed ? OperationStatus.Completed : OperationStatus.Failed;
        var failed = status == OperationStatus.Failed;
        return Build(call, op, status, resultInfo, failed ? "" : location, failed ? "" : token, done.Reason);
    }

    private static CommsOperation Build(
        CallInfo call, OperationInfo op, OperationStatus status, ResultInfo? resultInfo, string? location, string? token, MediaCompletionReason? reason)
    {
        var odataId = $"{call.ResourcePath}/operations/{op.Id}";
        return op.Kind switch
        {
            GraphOperationKind.Record => new RecordOperation
            {
                OdataId = odataId, Id = op.Id, ClientContext = op.ClientContext, Status = status, ResultInfo = resultInfo,
                RecordingLocation = location, RecordingAccessToken = token,
                CompletionReason = reason is { } r ? Enum.Parse<RecordCompletionReason>(r == MediaCompletionReason.CompletedSuccessfully ? nameof(RecordCompletionReason.UnspecifiedError) : r.ToString()) : null,
            },
            GraphOperationKind.PlayPrompt => new PlayPromptOperation
            {
                OdataId = odataId, Id = op.Id, ClientContext = op.ClientContext, Status = status, ResultInfo = resultInfo,
                CompletionReason = reason switch
                {
                    null => null,
                    MediaCompletionReason.CompletedSuccessfully => PlayPromptCompletionReason.CompletedSuccessfully,
                    MediaCompletionReason.OperationCanceled => PlayPromptCompletionReason.MediaOperationCanceled,
                    _ => PlayPromptCompletionReason.Unknown,
                },
            },
            GraphOperationKind.CancelMediaProcessing => new CancelMediaProcessingOperation
            {
                OdataId = odataId, Id = op.Id, ClientContext = op.ClientContext, Status = status, ResultInfo = resultInfo,
            },
            GraphOperationKind.SendDtmfTones => new SendDtmfTonesOperation
            {
                OdataId = odataId, Id = op.Id, ClientContext = op.ClientContext, Status = status, ResultInfo = resultInfo,
                CompletionReason = reason switch
                {
                    null => null,
                    MediaCompletionReason.CompletedSuccessfully => SendDtmfCompletionReason.CompletedSuccessfully,
                    MediaCompletionReason.OperationCanceled => SendDtmfCompletionReason.MediaOperationCanceled,
                    _ => SendDtmfCompletionReason.Unknown,
                },
            },
            GraphOperationKind.Mute => new MuteParticipantOperation
            {
                OdataId = odataId, Id = op.Id, ClientContext = op.ClientContext, Status = status, ResultInfo = resultInfo,
            },
            GraphOperationKind.Unmute => new UnmuteParticipantOperation
            {
                OdataId = odataId, Id = op.Id, ClientContext = op.ClientContext, Status = status, ResultInfo = resultInfo,
            },
            GraphOperationKind.UpdateRecordingStatus => new UpdateRecordingStatusOperation
            {
                OdataId = odataId, Id = op.Id, ClientContext = op.ClientContext, Status = status, ResultInfo = resultInfo,
            },
            _ => new SubscribeToToneOperation
            {
                OdataId = odataId, Id = op.Id, ClientContext = op.ClientContext, Status = status, ResultInfo = resultInfo,
            },
        };
    }
}
