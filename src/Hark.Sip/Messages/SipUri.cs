using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Hark.Sip.Messages;

/// <summary>
/// A sip: or sips: URI (RFC 3261 §19.1). User and password keep their %-escapes as written;
/// comparison (<see cref="Equals(SipUri?)"/>) follows §19.1.4 and unescapes where the RFC says to.
/// </summary>
public sealed partial class SipUri
{
    private const string UserMarks = "&=+$,;?/";
    private const string PasswordMarks = "&=+$,";
    private const string ParamMarks = "[]/:&+$";
    private const string HeaderMarks = "[]/?:+$";

    public SipUri(string host, string? user = null, int? port = null, bool secure = false, IReadOnlyList<SipParameter>? parameters = null)
    {
        Host = host;
        User = user;
        Port = port;
        IsSecure = secure;
        Parameters = parameters ?? [];
    }

    /// <summary>True for sips:.</summary>
    public bool IsSecure { get; private init; }

    public string Scheme => IsSecure ? "sips" : "sip";

    /// <summary>The user part as written (escapes kept), or null when absent.</summary>
    public string? User { get; private init; }

    public string? Password { get; private init; }

    /// <summary>The host as written; an IPv6 reference keeps its brackets.</summary>
    public string Host { get; private init; }

    public bool IsIPv6Reference => Host.StartsWith('[');

    public int? Port { get; private init; }

    public IReadOnlyList<SipParameter> Parameters { get; private init; }

    /// <summary>The <c>?name=value</c> headers of the URI.</summary>
    public IReadOnlyList<SipParameter> Headers { get; private init; } = [];

    public string? Transport => SipSyntax.Find(Parameters, "transport");

    public string? Maddr => SipSyntax.Find(Parameters, "maddr");

    /// <summary>True when the URI carries the loose-routing <c>lr</c> parameter (RFC 3261 §16.12.1).</summary>
    public bool IsLooseRouter => SipSyntax.Has(Parameters, "lr");

    public static SipUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseCore(text);
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            uri = ParseCore(text);
            return true;
        }
        catch (SipParseException)
        {
            return false;
        }
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(Scheme).Append(':');
        if (User is not null)
        {
            builder.Append(User);
            if (Password is not null)
            {
                builder.Append(':').Append(Password);
            }

            builder.Append('@');
        }

        builder.Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var p in Parameters)
        {
            builder.Append(';').Append(p.Name);
            if (p.Value is not null)
            {
                builder.Append('=').Append(p.Value);
            }
        }

        for (var i = 0; i < Headers.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&').Append(Headers[i].Name).Append('=').Append(Headers[i].Value);
        }

        return builder.ToString();
    }

    private static SipUri ParseCore(string s)
    {
        int pos;
        bool secure;
        if (s.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            (pos, secure) = (4, false);
        }
        else if (s.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            (pos, secure) = (5, true);
        }
        else
        {
            SipSyntax.Fail($"not a sip or sips URI: '{s}'");
            return null!;
        }

        // No '@' may appear after the host (params and headers cannot hold one), so the last '@' ends the userinfo.
        string? user = null;
        string? password = null;
        var at = s.LastIndexOf('@');
        if (at >= pos)
        {
            var userInfo = s.AsSpan(pos, at - pos);
            var colon = userInfo.IndexOf(':');
            var userSpan = colon < 0 ? userInfo : userInfo[..colon];
            if (userSpan.IsEmpty || !IsValid(userSpan, UserMarks))
            {
                SipSyntax.Fail($"invalid user part in URI '{s}'");
            }

            user = userSpan.ToString();
            if (colon >= 0)
            {
                var passwordSpan = userInfo[(colon + 1)..];
                if (!IsValid(passwordSpan, PasswordMarks))
                {
                    SipSyntax.Fail($"invalid password in URI '{s}'");
                }

                password = passwordSpan.ToString();
            }

            pos = at + 1;
        }

        var host = ReadHost(s, ref pos);
        int? port = null;
        if (pos < s.Length && s[pos] == ':')
        {
            pos++;
            var start = pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            {
                pos++;
            }

            if (!SipSyntax.TryParseDigits(s.AsSpan(start, pos - start), out var value) || value > 65535)
            {
                SipSyntax.Fail($"invalid port in URI '{s}'");
            }

            port = (int)value;
        }

        var parameters = new List<SipParameter>();
        while (pos < s.Length && s[pos] == ';')
        {
            pos++;
            var name = ReadChars(s, ref pos, ParamMarks);
            string? value = null;
            if (pos < s.Length && s[pos] == '=')
            {
                pos++;
                value = ReadChars(s, ref pos, ParamMarks);
                if (value.Length == 0)
                {
                    SipSyntax.Fail($"empty URI parameter value in '{s}'");
                }
            }

            if (name.Length == 0)
            {
                SipSyntax.Fail($"empty URI parameter in '{s}'");
            }

            parameters.Add(new SipParameter(name, value));
        }

        var headers = new List<SipParameter>();
        if (pos < s.Length && s[pos] == '?')
        {
            do
            {
                pos++;
                var name = ReadChars(s, ref pos, HeaderMarks);
                if (name.Length == 0 || pos >= s.Length || s[pos] != '=')
                {
                    SipSyntax.Fail($"invalid URI header in '{s}'");
                }

                pos++;
                headers.Add(new SipParameter(name, ReadChars(s, ref pos, HeaderMarks)));
            }
            while (pos < s.Length && s[pos] == '&');
        }

        if (pos != s.Length)
        {
            SipSyntax.Fail($"unexpected '{s[pos]}' in URI '{s}'");
        }

        return new SipUri(host, user, port, secure, parameters) { Password = password, Headers = headers };
    }

    private static string ReadHost(string s, ref int pos)
    {
        var start = pos;
        if (pos < s.Length && s[pos] == '[')
        {
            var close = s.IndexOf(']', pos);
            if (close < 0)
            {
                SipSyntax.Fail($"unterminated IPv6 reference in URI '{s}'");
            }

            for (var i = pos + 1; i < close; i++)
            {
                if (!(SipSyntax.IsHex(s[i]) || s[i] is ':' or '.'))
                {
                    SipSyntax.Fail($"invalid IPv6 reference in URI '{s}'");
                }
            }

            pos = close + 1;
            if (pos - start < 4)
            {
                SipSyntax.Fail($"invalid IPv6 reference in URI '{s}'");
            }

            return s[start..pos];
        }

        while (pos < s.Length && (SipSyntax.IsAlphaNum(s[pos]) || s[pos] is '-' or '.' or '_'))
        {
            pos++;
        }

        if (pos == start)
        {
            SipSyntax.Fail($"missing host in URI '{s}'");
        }

        return s[start..pos];
    }

    private static string ReadChars(string s, ref int pos, string marks)
    {
        var start = pos;
        while (pos < s.Length)
        {
            var c = s[pos];
            if (c == '%')
            {
                if (pos + 2 >= s.Length || !SipSyntax.IsHex(s[pos + 1]) || !SipSyntax.IsHex(s[pos + 2]))
                {
                    SipSyntax.Fail($"invalid escape in URI '{s}'");
                }

                pos += 3;
            }
            else if (SipSyntax.IsUnreserved(c) || marks.Contains(c, StringComparison.Ordinal))
            {
                pos++;
            }
            else
            {
                break;
            }
        }

        return s[start..pos];
    }

    private static bool IsValid(ReadOnlySpan<char> s, string marks)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !SipSyntax.IsHex(s[i + 1]) || !SipSyntax.IsHex(s[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (!SipSyntax.IsUnreserved(c) && !marks.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
