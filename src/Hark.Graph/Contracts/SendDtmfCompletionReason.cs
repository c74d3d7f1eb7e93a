using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>sendDtmfCompletionReason</c>.</summary>
[JsonConverter(typeof(GraphEnumConverter<SendDtmfCompletionReason>))]
public enum SendDtmfCompletionReason
{
    Unknown,
    CompletedSuccessfully,
    MediaOperationCanceled,
    UnknownFutureValue,
}
