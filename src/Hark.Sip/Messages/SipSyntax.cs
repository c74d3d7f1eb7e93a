using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Hark.Sip.Messages;

/// <summary>Character classes and small scanners from the RFC 3261 §25 grammar, shared by the header parsers.</summary>
internal static class SipSyntax
{
    private const string TokenMarks = "-.!%*_+`'~";
    private const string UnreservedMarks = "-_.!~*'()";

    public static bool IsAlphaNum(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    public static bool IsToken(char c) => IsAlphaNum(c) || TokenMarks.Contains(c, StringComparison.Ordinal);

    public static bool IsUnreserved(char c) => IsAlphaNum(c) || UnreservedMarks.Contains(c, StringComparison.Ordinal);

    public static bool IsWsp(char c) => c is ' ' or '\t';

    public static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    public static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsToken(c))
            {
                return false;
            }
        }

        return true;
    }

    [DoesNotReturn]
    public static void Fail(string reason, int status = 400) => throw new SipParseException(new SipParseError(reason, status));

    public static void SkipWsp(string s, ref int pos)
    {
        while (pos < s.Length && IsWsp(s[pos]))
        {
            pos++;
        }
    }

    public static string ReadToken(string s, ref int pos)
    {
        var start = pos;
        while (pos < s.Length && IsToken(s[pos]))
        {
            pos++;
        }

        return s[start..pos];
    }

    /// <summary>Reads a quoted-string starting at the opening quote and returns its content with quoted-pairs resolved.</summary>
    public static string ReadQuoted(string s, ref int pos, string what)
    {
        pos++;
        var builder = new StringBuilder();
        while (pos < s.Length)
        {
            var c = s[pos++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c == '\\')
            {
                if (pos >= s.Length || s[pos] is '\r' or '\n')
                {
                    break;
                }

                c = s[pos++];
            }

            builder.Append(c);
        }

        Fail($"unterminated quoted string in {what}");
        return string.Empty;
    }

    /// <summary>Splits a header value at commas that are outside quoted strings and angle brackets; elements are trimmed and may be empty.</summary>
    public static List<string> SplitList(string value)
    {
        var parts = new List<string>();
        var start = 0;
        var inQuotes = false;
        var inAngle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == '<')
            {
                inAngle = true;
            }
            else if (c == '>')
            {
                inAngle = false;
            }
            else if (c == ',' && !inAngle)
            {
                parts.Add(value[start..i].Trim(' ', '\t'));
                start = i + 1;
            }
        }

        parts.Add(value[start..].Trim(' ', '\t'));
        return parts;
    }

    /// <summary>Reads <c>*( SEMI generic-param )</c> from <paramref name="pos"/>; stops at the first character that does not start a parameter.</summary>
    public static List<SipParameter> ReadParameters(string s, ref int pos, string what)
    {
        var list = new List<SipParameter>();
        while (true)
        {
            SkipWsp(s, ref pos);
            if (pos >= s.Length || s[pos] != ';')
            {
                return list;
            }

            pos++;
            SkipWsp(s, ref pos);
            var name = ReadToken(s, ref pos);
            if (name.Length == 0)
            {
                Fail($"empty parameter in {what}");
            }

            var save = pos;
            SkipWsp(s, ref pos);
            if (pos < s.Length && s[pos] == '=')
            {
                pos++;
                SkipWsp(s, ref pos);
                string value;
                if (pos < s.Length && s[pos] == '"')
                {
                    value = ReadQuoted(s, ref pos, what);
                }
                else
                {
                    var start = pos;
                    while (pos < s.Length && (IsToken(s[pos]) || s[pos] is ':' or '[' or ']'))
                    {
                        pos++;
                    }

                    value = s[start..pos];
                    if (value.Length == 0)
                    {
                        Fail($"parameter '{name}' without a value in {what}");
                    }
                }

                list.Add(new SipParameter(name, value));
            }
            else
            {
                pos = save;
                list.Add(new SipParameter(name, null));
            }
        }
    }

    public static string? Find(IReadOnlyList<SipParameter> parameters, string name)
    {
        foreach (var p in parameters)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value ?? string.Empty;
            }
        }

        return null;
    }

    public static bool Has(IReadOnlyList<SipParameter> parameters, string name) => Find(parameters, name) is not null;

    /// <summary>Parses 1*DIGIT into a uint, rejecting signs, spaces and overflow.</summary>
    public static bool TryParseDigits(ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 19)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (ulong)(c - '0');
        }

        return true;
    }

    /// <summary>Checks an absoluteURI scheme and that the rest holds no whitespace or controls.</summary>
    public static bool IsAbsoluteUri(string uri)
    {
        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == uri.Length - 1 || !char.IsAsciiLetter(uri[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            if (!(IsAlphaNum(uri[i]) || uri[i] is '+' or '-' or '.'))
            {
                return false;
            }
        }

        for (var i = colon + 1; i < uri.Length; i++)
        {
            if (uri[i] <= ' ' || uri[i] is '<' or '>' or '"' or (char)0x7F)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsSipScheme(string uri) =>
        uri.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("sips:", StringComparison.OrdinalIgnoreCase);
}
