using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>mediaInfo</c>: where a prompt's WAV lives and the key it is cached under.</summary>
public sealed record MediaInfo
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; }

    public string? Uri { get; init; }

    public string? ResourceId { get; init; }
}
