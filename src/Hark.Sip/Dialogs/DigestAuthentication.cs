using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hark.Sip.Dialogs;

/// <summary>
/// Digest credentials for a challenge (RFC 2617 §3.2.2, RFC 7616 §3.4; SIP use per RFC 3261 §22.4): MD5, MD5-sess,
/// SHA-256 and SHA-256-sess, qop=auth or no qop. auth-int is not offered (Hark's requests would need their body here).
/// </summary>
public static class DigestAuthentication
{
    /// <summary>True when Hark can answer the challenge: a known algorithm and either no qop or qop auth.</summary>
    public static bool CanAnswer(DigestChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return HashOf(challenge.Algorithm) is not null && (challenge.Qop.Count == 0 || OffersAuth(challenge));
    }

    /// <summary>The Authorization (or Proxy-Authorization) value answering <paramref name="challenge"/>, a header value.</summary>
    public static string CreateAuthorization(string challenge, string method, string uri, string username, string password, string cnonce, int nc)
    {
        if (!DigestChallenge.TryParse(challenge, out var parsed))
        {
            throw new ArgumentException("not a Digest challenge with realm and nonce", nameof(challenge));
        }

        return CreateAuthorization(parsed, method, uri, username, password, cnonce, nc);
    }

    public static string CreateAuthorization(DigestChallenge challenge, string method, string uri, string username, string password, string cnonce, int nc)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(uri);
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentException.ThrowIfNullOrEmpty(cnonce);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nc);
        var hash = HashOf(challenge.Algorithm) ?? throw new NotSupportedException($"digest algorithm {challenge.Algorithm} is not supported");
        if (challenge.Qop.Count > 0 && !OffersAuth(challenge))
        {
            throw new NotSupportedException("the challenge offers only qop=auth-int");
        }

        var ha1 = hash($"{username}:{challenge.Realm}:{password}");
        if (challenge.Algorithm?.EndsWith("-sess", StringComparison.OrdinalIgnoreCase) == true)
        {
            ha1 = hash($"{ha1}:{challenge.Nonce}:{cnonce}");
        }

        var ha2 = hash($"{method}:{uri}");
        var useQop = challenge.Qop.Count > 0;
        var count = nc.ToString("x8", CultureInfo.InvariantCulture);
        var response = useQop
            ? hash($"{ha1}:{challenge.Nonce}:{count}:{cnonce}:auth:{ha2}")
            : hash($"{ha1}:{challenge.Nonce}:{ha2}");

        var builder = new StringBuilder("Digest ");
        builder.Append("username=").Append(Quote(username))
            .Append(", realm=").Append(Quote(challenge.Realm))
            .Append(", nonce=").Append(Quote(challenge.Nonce))
            .Append(", uri=").Append(Quote(uri))
            .Append(", response=\"").Append(response).Append('"');
        if (challenge.Algorithm is not null)
        {
            builder.Append(", algorithm=").Append(challenge.Algorithm);
        }

        if (useQop)
        {
            builder.Append(", cnonce=").Append(Quote(cnonce)).Append(", qop=auth, nc=").Append(count);
        }

        if (challenge.Opaque is not null)
        {
            builder.Append(", opaque=").Append(Quote(challenge.Opaque));
        }

        return builder.ToString();
    }

    private static bool OffersAuth(DigestChallenge challenge)
    {
        foreach (var option in challenge.Qop)
        {
            if (string.Equals(option, "auth", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static Func<string, string>? HashOf(string? algorithm) => algorithm?.ToUpperInvariant() switch
    {
        null or "MD5" or "MD5-SESS" => Md5,
        "SHA-256" or "SHA-256-SESS" => Sha256,
        _ => null,
    };

    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "RFC 2617 digest is defined over MD5 and SIP servers still require it.")]
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
