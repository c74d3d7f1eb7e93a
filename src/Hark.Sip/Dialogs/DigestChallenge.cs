using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Hark.Sip.Dialogs;

/// <summary>A <c>Digest</c> challenge from WWW-Authenticate or Proxy-Authenticate (RFC 2617 §3.2.1, RFC 7616 §3.3).</summary>
public sealed record DigestChallenge
{
    public required string Realm { get; init; }

    public required string Nonce { get; init; }

    public string? Opaque { get; init; }

    /// <summary>The algorithm as given; null means MD5.</summary>
    public string? Algorithm { get; init; }

    /// <summary>The qop options offered (empty for an RFC 2069 style challenge).</summary>
    public IReadOnlyList<string> Qop { get; init; } = [];

    public bool Stale { get; init; }

    public static bool TryParse(string? value, [NotNullWhen(true)] out DigestChallenge? challenge)
    {
        challenge = null;
        if (value is null)
        {
            return false;
        }

        var text = value.AsSpan().Trim();
        if (!text.StartsWith("Digest", StringComparison.OrdinalIgnoreCase) || (text.Length > 6 && text[6] is not (' ' or '\t')))
        {
            return false;
        }

        var parameters = ReadParameters(value[(value.IndexOf("Digest", StringComparison.OrdinalIgnoreCase) + 6)..]);
        if (parameters is null
            || !parameters.TryGetValue("realm", out var realm)
            || !parameters.TryGetValue("nonce", out var nonce))
        {
            return false;
        }

        var qop = new List<string>();
        if (parameters.TryGetValue("qop", out var qopList))
        {
            foreach (var option in qopList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                qop.Add(option);
            }
        }

        challenge = new DigestChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Opaque = parameters.GetValueOrDefault("opaque"),
            Algorithm = parameters.GetValueOrDefault("algorithm"),
            Qop = qop,
            Stale = string.Equals(parameters.GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase),
        };
        return true;
    }

    /// <summary>Reads <c>name=token</c> and <c>name="quoted"</c> pairs separated by commas; null when malformed.</summary>
    private static Dictionary<string, string>? ReadParameters(string s)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var pos = 0;
        while (true)
        {
            while (pos < s.Length && s[pos] is ' ' or '\t' or ',')
            {
                pos++;
            }

            if (pos >= s.Length)
            {
                return result;
            }

            var eq = s.IndexOf('=', pos);
            if (eq < 0)
            {
                return null;
            }

            var name = s[pos..eq].Trim();
            pos = eq + 1;
            while (pos < s.Length && s[pos] is ' ' or '\t')
            {
                pos++;
            }

            string parameterValue;
            if (pos < s.Length && s[pos] == '"')
            {
                var builder = new StringBuilder();
                pos++;
                while (pos < s.Length && s[pos] != '"')
                {
                    if (s[pos] == '\\' && pos + 1 < s.Length)
                    {
                        pos++;
                    }

                    builder.Append(s[pos++]);
                }

                if (pos >= s.Length)
                {
                    return null;
                }

                pos++;
                parameterValue = builder.ToString();
            }
            else
            {
                var start = pos;
                while (pos < s.Length && s[pos] is not (',' or ' ' or '\t'))
                {
                    pos++;
                }

                parameterValue = s[start..pos];
            }

            if (name.Length == 0)
            {
                return null;
            }

            result[name] = parameterValue;
        }
    }
}
