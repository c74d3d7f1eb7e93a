using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>callMediaState</c>.</summary>
public sealed record CallMediaState
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; } = ODataTypes.CallMediaState;

    public MediaState? Audio { get; init; }
}
