using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>mediaState</c> of one modality of a call.</summary>
[JsonConverter(typeof(GraphEnumConverter<MediaState>))]
public enum MediaState
{
    Active,
    Inactive,
    UnknownFutureValue,
}
