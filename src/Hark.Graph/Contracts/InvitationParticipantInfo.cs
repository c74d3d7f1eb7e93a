using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>invitationParticipantInfo</c>: a call target.</summary>
public sealed record InvitationParticipantInfo
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; }

    public IdentitySet? Identity { get; init; }

    public bool? Hidden { get; init; }

    public string? ParticipantId { get; init; }

    public bool? RemoveFromDefaultAudioRoutingGroup { get; init; }

    public string? ReplacesCallId { get; init; }
}
