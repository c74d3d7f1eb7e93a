using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>recordingStatus</c>.</summary>
[JsonConverter(typeof(GraphEnumConverter<RecordingStatus>))]
public enum RecordingStatus
{
    Unknown,
    NotRecording,
    Recording,
    Failed,
    UnknownFutureValue,
}
