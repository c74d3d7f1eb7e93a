using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>recordingInfo</c>: whether a participant records the call (set through updateRecordingStatus).</summary>
public sealed record RecordingInfo
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; } = ODataTypes.RecordingInfo;

    public IdentitySet? Initiator { get; init; }

    public RecordingStatus? RecordingStatus { get; init; }
}
