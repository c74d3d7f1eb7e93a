using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>modality</c>; Hark carries audio only, the rest parse so bots that list them are not refused.</summary>
[JsonConverter(typeof(GraphEnumConverter<Modality>))]
public enum Modality
{
    Audio,
    Video,
    VideoBasedScreenSharing,
    Data,
    Unknown,
    UnknownFutureValue,
}
