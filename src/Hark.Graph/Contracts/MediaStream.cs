using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>mediaStream</c>: one stream of a participant.</summary>
public sealed record MediaStream
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; } = ODataTypes.MediaStream;

    public Modality? MediaType { get; init; }

    public string? Label { get; init; }

    public string? SourceId { get; init; }

    public MediaDirection? Direction { get; init; }

    public bool? ServerMuted { get; init; }
}
