using System.Text.Json;
using System.Text.Json.Serialization;
using Hark.Graph.Errors;

namespace Hark.Graph.Contracts;

/// <summary>
/// Source-generated serializer for every Graph body Hark reads or writes: camelCase, nulls omitted,
/// unknown properties ignored (Graph's types are open), property names matched exactly as Graph does.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnswerRequest))]
[JsonSerializable(typeof(RejectRequest))]
[JsonSerializable(typeof(RedirectRequest))]
[JsonSerializable(typeof(TransferRequest))]
[JsonSerializable(typeof(RecordResponseRequest))]
[JsonSerializable(typeof(PlayPromptRequest))]
[JsonSerializable(typeof(CancelMediaProcessingRequest))]
[JsonSerializable(typeof(SubscribeToToneRequest))]
[JsonSerializable(typeof(CreateCallRequest))]
[JsonSerializable(typeof(Call))]
[JsonSerializable(typeof(RecordOperation))]
[JsonSerializable(typeof(PlayPromptOperation))]
[JsonSerializable(typeof(CancelMediaProcessingOperation))]
[JsonSerializable(typeof(SubscribeToToneOperation))]
[JsonSerializable(typeof(MuteRequest))]
[JsonSerializable(typeof(UpdateRecordingStatusRequest))]
[JsonSerializable(typeof(MuteParticipantOperation))]
[JsonSerializable(typeof(UnmuteParticipantOperation))]
[JsonSerializable(typeof(UpdateRecordingStatusOperation))]
[JsonSerializable(typeof(Participant))]
[JsonSerializable(typeof(Participant[]))]
[JsonSerializable(typeof(ParticipantCollection))]
[JsonSerializable(typeof(PromptValidationRequest))]
[JsonSerializable(typeof(PromptValidationResult))]
[JsonSerializable(typeof(SendDtmfTonesRequest))]
[JsonSerializable(typeof(SendDtmfTonesOperation))]
[JsonSerializable(typeof(CommsNotifications))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(GraphErrorBody))]
public sealed partial class GraphJsonContext : JsonSerializerContext;
