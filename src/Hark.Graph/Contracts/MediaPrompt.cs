using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>
/// Graph <c>prompt</c>; <c>mediaPrompt</c> is the only concrete kind, so one record reads it and the
/// validator refuses any other <c>@odata.type</c>. <see cref="Loop"/> is beta-only.
/// </summary>
public sealed record MediaPrompt
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; }

    public MediaInfo? MediaInfo { get; init; }

    public int? Loop { get; init; }
}
