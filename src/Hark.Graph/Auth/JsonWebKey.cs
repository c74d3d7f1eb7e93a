using System.Text.Json.Serialization;

namespace Hark.Graph.Auth;

/// <summary>One public RSA signing key (RFC 7517/7518).</summary>
internal sealed record JsonWebKey(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("n")] string N,
    [property: JsonPropertyName("e")] string E,
    [property: JsonPropertyName("alg")] string Alg)
{
    public static JsonWebKey From(SigningKeyStore keys) => new("RSA", "sig", keys.KeyId, keys.Modulus, keys.Exponent, JwtCodec.Algorithm);
}
