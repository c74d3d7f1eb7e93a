using System.Text.Json.Serialization;

namespace Hark.Graph.Auth;

/// <summary>
/// The claims Hark writes. Times are NumericDate (Unix seconds). <c>rec</c> marks a recording access token;
/// <c>appid</c>/<c>azp</c> both carry the client id, as Entra v1 and v2 tokens do.
/// </summary>
internal sealed record JwtPayload
{
    [JsonPropertyName("iss")] public string? Iss { get; init; }

    [JsonPropertyName("aud")] public string? Aud { get; init; }

    [JsonPropertyName("sub")] public string? Sub { get; init; }

    [JsonPropertyName("appid")] public string? AppId { get; init; }

    [JsonPropertyName("azp")] public string? Azp { get; init; }

    [JsonPropertyName("tid")] public string? Tid { get; init; }

    [JsonPropertyName("roles")] public string[]? Roles { get; init; }

    [JsonPropertyName("rec")] public string? Rec { get; init; }

    /// <summary>Notification tokens: base64url SHA-256 of the exact body bytes POSTed with the token.</summary>
    [JsonPropertyName("body_sha256")] public string? BodySha256 { get; init; }

    [JsonPropertyName("iat")] public long? Iat { get; init; }

    [JsonPropertyName("nbf")] public long? Nbf { get; init; }

    [JsonPropertyName("exp")] public long? Exp { get; init; }

    [JsonPropertyName("jti")] public string? Jti { get; init; }
}
