using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hark.Graph.Tests.Auth;

/// <summary>Takes tokens apart and builds forged ones, independently of the code under test.</summary>
internal static class JwtTestHelpers
{
    private static readonly Lazy<RSA> s_otherKey = new(() => RSA.Create(2048));

    /// <summary>A 2048-bit key that is not Hark's, generated once per test run.</summary>
    public static RSA OtherKey => s_otherKey.Value;

    public static string[] Split(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return parts;
    }

    public static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }

    public static string ToBase64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static JsonElement Header(string token) => JsonDocument.Parse(FromBase64Url(Split(token)[0])).RootElement;

    public static JsonElement Payload(string token) => JsonDocument.Parse(FromBase64Url(Split(token)[1])).RootElement;

    public static string Encode(string json) => ToBase64Url(Encoding.UTF8.GetBytes(json));

    /// <summary>True when the token's RS256 signature checks out against the bare JWK modulus and exponent.</summary>
    public static bool VerifyWithJwk(string token, string n, string e)
    {
        using var rsa = RSA.Create(new RSAParameters { Modulus = FromBase64Url(n), Exponent = FromBase64Url(e) });
        var lastDot = token.LastIndexOf('.');
        return rsa.VerifyData(
            Encoding.ASCII.GetBytes(token[..lastDot]),
            FromBase64Url(token[(lastDot + 1)..]),
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
    }

    /// <summary>RFC 7638 thumbprint computed here, not by the store.</summary>
    public static string Rfc7638Thumbprint(string n, string e)
    {
        var json = JsonSerializer.Serialize(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["e"] = e, ["kty"] = "RSA", ["n"] = n });
        return ToBase64Url(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}
