using System.Text.Json.Serialization;

namespace Hark.Graph.Auth;

/// <summary>Source-generated JSON for tokens, the token endpoint and the discovery documents.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JwtHeader))]
[JsonSerializable(typeof(JwtPayload))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(TokenErrorResponse))]
[JsonSerializable(typeof(OpenIdConfiguration))]
[JsonSerializable(typeof(JsonWebKeySet))]
[JsonSerializable(typeof(StoredDevelopmentApplication))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
