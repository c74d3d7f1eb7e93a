using System.Text.Json.Serialization;

namespace Hark.Graph.Auth;

/// <summary>The OpenID Connect discovery document (only what a client-credentials client or a webhook validator reads).</summary>
internal sealed record OpenIdConfiguration
{
    [JsonPropertyName("issuer")] public required string Issuer { get; init; }

    [JsonPropertyName("jwks_uri")] public required string JwksUri { get; init; }

    [JsonPropertyName("token_endpoint")] public required string TokenEndpoint { get; init; }

    // Not served: MSAL refuses a discovery document without it, so it is listed for shape only.
    [JsonPropertyName("authorization_endpoint")] public required string AuthorizationEndpoint { get; init; }

    [JsonPropertyName("token_endpoint_auth_methods_supported")] public string[] TokenEndpointAuthMethodsSupported { get; init; } = ["client_secret_post", "client_secret_basic"];

    [JsonPropertyName("grant_types_supported")] public string[] GrantTypesSupported { get; init; } = ["client_credentials"];

    [JsonPropertyName("response_types_supported")] public string[] ResponseTypesSupported { get; init; } = ["token"];

    [JsonPropertyName("subject_types_supported")] public string[] SubjectTypesSupported { get; init; } = ["public"];

    [JsonPropertyName("id_token_signing_alg_values_supported")] public string[] IdTokenSigningAlgValuesSupported { get; init; } = [JwtCodec.Algorithm];

    [JsonPropertyName("claims_supported")] public string[] ClaimsSupported { get; init; } = ["iss", "aud", "sub", "appid", "azp", "tid", "roles", "iat", "nbf", "exp", "jti"];

    [JsonPropertyName("tenant_id")] public string? TenantId { get; init; }
}
