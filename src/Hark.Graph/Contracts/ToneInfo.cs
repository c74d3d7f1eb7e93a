using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>toneInfo</c>: one DTMF press, numbered by an increasing sequence id.</summary>
public sealed record ToneInfo
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; } = ODataTypes.ToneInfo;

    public long? SequenceId { get; init; }

    public Tone? Tone { get; init; }
}
