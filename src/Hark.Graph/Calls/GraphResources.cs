using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Graph.Contracts;
using GraphCallState = Hark.Graph.Contracts.CallState;
using GraphCallDirection = Hark.Graph.Contracts.CallDirection;

namespace Hark.Graph.Calls;

/// <summary>Builds the Graph resources (call, operations) Hark returns and notifies, from call-layer facts.</summary>
internal static class GraphResources
{
    public static Call Call(CallInfo info, Hark.Calls.Lifecycle.CallState state, CallResultInfo? result = null, bool audioActive = false, ToneInfo? tone = null) => new()
    {
        OdataId = info.ResourcePath,
        Id = info.Id,
        State = Enum.Parse<GraphCallState>(state.ToString()),
        Direction = info.Direction == Hark.Calls.Lifecycle.CallDirection.Incoming ? GraphCallDirection.Incoming : GraphCallDirection.Outgoing,
        CallbackUri = info.CallbackUri,
        Subject = info.Subject,
        Source = info.Direction == Hark.Calls.Lifecycle.CallDirection.Incoming
            ? new ParticipantInfo { Identity = new IdentitySet { Phone = new Identity { Id = info.RemoteNumber } } }
            : new ParticipantInfo { Identity = new IdentitySet { Application = new Identity { Id = info.ApplicationId } } },
        Targets = info.Direction == Hark.Calls.Lifecycle.CallDirection.Incoming
            ? [new InvitationParticipantInfo { Identity = new IdentitySet { Application = new Identity { Id = info.ApplicationId } } }]
            : [new InvitationParticipantInfo { Identity = new IdentitySet { Phone = new Identity { Id = info.RemoteNumber } } }],
        RequestedModalities = [Modality.Audio],
        MediaState = audioActive ? new CallMediaState { Audio = MediaState.Active } : null,
        ResultInfo = result is null ? null : new ResultInfo { Code = result.Code, Subcode = result.Subcode, Message = result.Message },
        MyParticipantId = info.MyParticipantId,
        CallChainId = info.CallChainId,
        TenantId = info.TenantId,
        ToneInfo = tone,
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
            _ => new SubscribeToToneOperation
            {
                OdataId = odataId, Id = op.Id, ClientContext = op.ClientContext, Status = status, ResultInfo = resultInfo,
            },
        };
    }
}
