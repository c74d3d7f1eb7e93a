using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>identity</c>; for a phone the id is the number (E.164 or a SIP user part).</summary>
public sealed record Identity
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; }

    public string? Id { get; init; }

    public string? DisplayName { get; init; }

    public string? TenantId { get; init; }
}
