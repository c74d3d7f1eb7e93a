using System.Text.Json.Serialization;

namespace Hark.Graph.Auth;

/// <summary>The JOSE header of the tokens Hark signs and accepts.</summary>
internal sealed record JwtHeader(
    [property: JsonPropertyName("alg")] string? Alg,
    [property: JsonPropertyName("typ")] string? Typ,
    [property: JsonPropertyName("kid")] string? Kid,
    [property: JsonPropertyName("crit")] string[]? Crit = null);
