using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hark.Integration.Harness;

/// <summary>
/// Checks a notification's bearer JWT the way a bot must: RS256 signature by a key from Hark's published
/// JWKS (found through its OpenID configuration), issuer = Hark's base URL, audience = the client id, not expired.
/// </summary>
public sealed class NotificationAuthenticator(HttpClient http, Uri harkBase, string clientId)
{
    private readonly ConcurrentDictionary<string, RSAParameters> _keys = new(StringComparer.Ordinal);

    /// <summary>Null when the header carries a valid token; otherwise why not.</summary>
    public async Task<string?> CheckAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return "no bearer token";
        }

        var parts = authorization["Bearer ".Length..].Split('.');
        if (parts.Length != 3)
        {
            return "not a JWS compact token";
        }

        using var header = JsonDocument.Parse(Base64UrlDecode(parts[0]));
        using var payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
        if (header.RootElement.GetProperty("alg").GetString() != "RS256")
        {
            return "alg is not RS256";
        }

        var kid = header.RootElement.TryGetProperty("kid", out var k) ? k.GetString() ?? string.Empty : string.Empty;
        if (!_keys.ContainsKey(kid))
        {
            await LoadKeysAsync(cancellationToken);
        }

        if (!_keys.TryGetValue(kid, out var key))
        {
            return $"kid '{kid}' is not in Hark's JWKS";
        }

        using var rsa = RSA.Create(key);
        if (!rsa.VerifyData(
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "bad signature";
        }

        var claims = payload.RootElement;
        var iss = claims.TryGetProperty("iss", out var i) ? i.GetString() : null;
        if (iss?.TrimEnd('/') != harkBase.ToString().TrimEnd('/'))
        {
            return $"iss '{iss}' is not '{harkBase}'";
        }

        if (!AudienceMatches(claims))
        {
            return $"aud does not name '{clientId}'";
        }

        if (!claims.TryGetProperty("exp", out var exp) || DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) < DateTimeOffset.UtcNow)
        {
            return "expired or no exp";
        }

        return null;
    }

    private bool AudienceMatches(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        return aud.ValueKind == JsonValueKind.Array
            ? aud.EnumerateArray().Any(a => a.GetString() == clientId)
            : aud.GetString() == clientId;
    }

    private async Task LoadKeysAsync(CancellationToken cancellationToken)
    {
        using var config = JsonDocument.Parse(
            await http.GetStringAsync(new Uri(harkBase, "/.well-known/openid-configuration"), cancellationToken));
        var jwksUri = config.RootElement.GetProperty("jwks_uri").GetString()!;
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(new Uri(jwksUri), cancellationToken));
        foreach (var key in jwks.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (key.GetProperty("kty").GetString() != "RSA")
            {
                continue;
            }

            var kid = key.TryGetProperty("kid", out var k) ? k.GetString() ?? string.Empty : string.Empty;
            _keys[kid] = new RSAParameters
            {
                Modulus = Base64UrlDecode(key.GetProperty("n").GetString()!),
                Exponent = Base64UrlDecode(key.GetProperty("e").GetString()!),
            };
        }
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
