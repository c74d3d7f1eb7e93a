using System.Text;
using System.Text.Json;

namespace Hark.Graph.Auth;

/// <summary>Writes and checks compact RS256 JWTs with the one Hark signing key.</summary>
internal sealed class JwtCodec(SigningKeyStore keys, TimeProvider time)
{
    public const string Algorithm = "RS256";

    // Far above any token Hark issues; stops work on absurd inputs before any decoding.
    private const int MaxTokenLength = 16 * 1024;

    public TimeProvider Time => time;

    public string Create(JwtPayload payload)
    {
        var header = Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(new JwtHeader(Algorithm, "JWT", keys.KeyId), AuthJsonContext.Default.JwtHeader));
        var body = Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(payload, AuthJsonContext.Default.JwtPayload));
        var signingInput = header + "." + body;
        return signingInput + "." + Base64Url.Encode(keys.Sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    public TokenValidationError Validate(string? token, JwtValidationParameters parameters, out JwtPayload? payload)
    {
        payload = null;
        if (string.IsNullOrEmpty(token))
        {
            return TokenValidationError.Missing;
        }

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (token.Length > MaxTokenLength || firstDot <= 0 || secondDot <= firstDot + 1 || secondDot == token.Length - 1
            || token.IndexOf('.', secondDot + 1) >= 0)
        {
            return TokenValidationError.Malformed;
        }

        if (!TryRead(token.AsSpan(0, firstDot), AuthJsonContext.Default.JwtHeader, out var header))
        {
            return TokenValidationError.Malformed;
        }

        // Only RS256 is ever accepted, whatever the header asks for: no "none", no HMAC keyed with the public key.
        if (!string.Equals(header.Alg, Algorithm, StringComparison.Ordinal) || header.Crit is not null)
        {
            return TokenValidationError.UnsupportedAlgorithm;
        }

        if (!string.Equals(header.Kid, keys.KeyId, StringComparison.Ordinal))
        {
            return TokenValidationError.UnknownKey;
        }

        if (!Base64Url.TryDecode(token.AsSpan(secondDot + 1), out var signature))
        {
            return TokenValidationError.Malformed;
        }

        if (!keys.Verify(Encoding.ASCII.GetBytes(token, 0, secondDot), signature))
        {
            return TokenValidationError.InvalidSignature;
        }

        if (!TryRead(token.AsSpan(firstDot + 1, secondDot - firstDot - 1), AuthJsonContext.Default.JwtPayload, out var claims))
        {
            return TokenValidationError.Malformed;
        }

        var error = CheckClaims(claims, parameters);
        if (error == TokenValidationError.None)
        {
            payload = claims;
        }

        return error;
    }

    private TokenValidationError CheckClaims(JwtPayload claims, JwtValidationParameters parameters)
    {
        if (claims.Iss is null || claims.Aud is null || claims.Exp is null)
        {
            return TokenValidationError.MissingClaim;
        }

        if (!Contains(parameters.ValidIssuers, claims.Iss))
        {
            return TokenValidationError.InvalidIssuer;
        }

        if (!Contains(parameters.ValidAudiences, claims.Aud))
        {
            return TokenValidationError.InvalidAudience;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)parameters.ClockSkew.TotalSeconds;
        if (now >= claims.Exp.Value + skew)
        {
            return TokenValidationError.Expired;
        }

        if (claims.Nbf is { } nbf && now + skew < nbf)
        {
            return TokenValidationError.NotYetValid;
        }

        return TokenValidationError.None;
    }

    private static bool Contains(IReadOnlyCollection<string> allowed, string value)
    {
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryRead<T>(ReadOnlySpan<char> segment, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, out T value)
        where T : class
    {
        value = null!;
        if (!Base64Url.TryDecode(segment, out var json))
        {
            return false;
        }

        try
        {
            var parsed = JsonSerializer.Deserialize(json, typeInfo);
            if (parsed is null)
            {
                return false;
            }

            value = parsed;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
