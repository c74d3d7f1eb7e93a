using System.Text;

namespace Hark.Sip.Messages;

/// <summary>RFC 3261 §19.1.4 URI comparison.</summary>
public sealed partial class SipUri : IEquatable<SipUri>
{
    // Parameters that must appear in both URIs (with equal values) if they appear in either.
    private static readonly string[] MustMatchParameters = ["user", "ttl", "method", "maddr", "transport"];

    public static bool operator ==(SipUri? left, SipUri? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(SipUri? left, SipUri? right) => !(left == right);

    public bool Equals(SipUri? other)
    {
        if (other is null)
        {
            return false;
        }

        if (IsSecure != other.IsSecure
            || !string.Equals(Unescape(User), Unescape(other.User), StringComparison.Ordinal)
            || !string.Equals(Unescape(Password), Unescape(other.Password), StringComparison.Ordinal)
            || !string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
            || Port != other.Port)
        {
            return false;
        }

        foreach (var name in MustMatchParameters)
        {
            if (!SameValue(SipSyntax.Find(Parameters, name), SipSyntax.Find(other.Parameters, name)))
            {
                return false;
            }
        }

        // Any other parameter is compared only when both URIs carry it.
        foreach (var p in Parameters)
        {
            var theirs = SipSyntax.Find(other.Parameters, p.Name);
            if (theirs is not null && !SameValue(p.Value ?? string.Empty, theirs))
            {
                return false;
            }
        }

        return SameHeaders(Headers, other.Headers) && SameHeaders(other.Headers, Headers);
    }

    public override bool Equals(object? obj) => Equals(obj as SipUri);

    public override int GetHashCode() =>
        HashCode.Combine(IsSecure, StringComparer.OrdinalIgnoreCase.GetHashCode(Host), Port);

    /// <summary>Resolves %HH escapes (as UTF-8); invalid escapes are left as written.</summary>
    internal static string? Unescape(string? value)
    {
        if (value is null || !value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && SipSyntax.IsHex(value[i + 1]) && SipSyntax.IsHex(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool SameValue(string? a, string? b) =>
        string.Equals(Unescape(a), Unescape(b), StringComparison.OrdinalIgnoreCase);

    private static bool SameHeaders(IReadOnlyList<SipParameter> a, IReadOnlyList<SipParameter> b)
    {
        foreach (var header in a)
        {
            var match = false;
            foreach (var candidate in b)
            {
                if (SameValue(header.Name, candidate.Name) && SameValue(header.Value, candidate.Value))
                {
                    match = true;
                    break;
                }
            }

            if (!match)
            {
                return false;
            }
        }

        return true;
    }
}
