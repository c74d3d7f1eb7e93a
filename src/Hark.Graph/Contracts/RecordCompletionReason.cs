using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Beta <c>recordCompletionReason</c>; Hark sends it on v1.0 too (an open property there).</summary>
[JsonConverter(typeof(GraphEnumConverter<RecordCompletionReason>))]
public enum RecordCompletionReason
{
    OperationCanceled,
    StopToneDetected,
    MaxRecordDurationReached,
    InitialSilenceTimeout,
    MaxSilenceTimeout,
    PlayPromptFailed,
    PlayBeepFailed,
    MediaReceiveTimeout,
    UnspecifiedError,

    /// <summary>Hark's own: the caller hung up while recording; the recording is kept (Graph loses it).</summary>
    CallerHungUp,
}
