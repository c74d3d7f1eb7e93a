using System.Text.Json.Serialization;

namespace Hark.Graph.Auth;

/// <summary>RFC 7517 key set published at the discovery document's <c>jwks_uri</c>.</summary>
internal sealed record JsonWebKeySet([property: JsonPropertyName("keys")] JsonWebKey[] Keys);
