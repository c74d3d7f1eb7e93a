using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>participant</c>: one leg of a call (the caller, or the bot itself).</summary>
public sealed record Participant
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; } = ODataTypes.Participant;

    [JsonPropertyOrder(-9)]
    public string? Id { get; init; }

    public ParticipantInfo? Info { get; init; }

    public bool? IsInLobby { get; init; }

    public bool? IsMuted { get; init; }

    public IReadOnlyList<MediaStream>? MediaStreams { get; init; }

    public RecordingInfo? RecordingInfo { get; init; }
}
