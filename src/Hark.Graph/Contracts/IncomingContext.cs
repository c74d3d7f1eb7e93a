using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>incomingContext</c>: who made an incoming call ring the bot.</summary>
public sealed record IncomingContext
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; } = ODataTypes.IncomingContext;

    /// <summary>The participant whose call this is (the caller).</summary>
    public string? SourceParticipantId { get; init; }

    public string? ObservedParticipantId { get; init; }

    public IdentitySet? OnBehalfOf { get; init; }

    public IdentitySet? Transferor { get; init; }
}
