using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>participantInfo</c>: the call's source.</summary>
public sealed record ParticipantInfo
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; }

    public IdentitySet? Identity { get; init; }

    public string? CountryCode { get; init; }

    public EndpointType? EndpointType { get; init; }

    public string? LanguageId { get; init; }

    public string? ParticipantId { get; init; }

    public string? Region { get; init; }
}
