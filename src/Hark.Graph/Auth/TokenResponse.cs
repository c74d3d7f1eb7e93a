using System.Text.Json.Serialization;

namespace Hark.Graph.Auth;

/// <summary>The token endpoint's success body, as the Microsoft identity platform writes it.</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("ext_expires_in")] int ExtExpiresIn,
    [property: JsonPropertyName("access_token")] string AccessToken);
