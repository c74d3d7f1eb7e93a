using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Beta <c>playPromptCompletionReason</c>.</summary>
[JsonConverter(typeof(GraphEnumConverter<PlayPromptCompletionReason>))]
public enum PlayPromptCompletionReason
{
    Unknown,
    CompletedSuccessfully,
    MediaOperationCanceled,
    UnknownFutureValue,
}
