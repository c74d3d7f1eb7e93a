using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Hark.Sip.Messages;

/// <summary>
/// A name-addr or addr-spec with header parameters, as in From, To, Contact, Route and Record-Route
/// (RFC 3261 §20.10, §25.1). Non-SIP URIs are kept as text with <see cref="SipUri"/> null.
/// </summary>
public sealed class SipNameAddress
{
    public SipNameAddress(string uri, string? displayName = null, IReadOnlyList<SipParameter>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters ?? [];
        if (SipSyntax.IsSipScheme(uri))
        {
            SipUri = SipUri.Parse(uri);
        }
    }

    public SipNameAddress(SipUri uri, string? displayName = null, IReadOnlyList<SipParameter>? parameters = null)
        : this(uri?.ToString() ?? throw new ArgumentNullException(nameof(uri)), displayName, parameters)
    {
    }

    /// <summary>The display name with quotes removed and quoted-pairs resolved, or null when absent.</summary>
    public string? DisplayName { get; }

    /// <summary>The URI exactly as written.</summary>
    public string Uri { get; }

    /// <summary>The parsed URI when it is sip: or sips:.</summary>
    public SipUri? SipUri { get; }

    public IReadOnlyList<SipParameter> Parameters { get; }

    public string? Tag => SipSyntax.Find(Parameters, "tag");

    public static SipNameAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseCore(text, "address");
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out SipNameAddress? address)
    {
        address = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            address = ParseCore(text, "address");
            return true;
        }
        catch (SipParseException)
        {
            return false;
        }
    }

    /// <summary>A copy with the <c>tag</c> parameter set (used for a UAS's To tag).</summary>
    public SipNameAddress WithTag(string tag)
    {
        var parameters = new List<SipParameter>(Parameters.Count + 1);
        foreach (var p in Parameters)
        {
            if (!string.Equals(p.Name, "tag", StringComparison.OrdinalIgnoreCase))
            {
                parameters.Add(p);
            }
        }

        parameters.Add(new SipParameter("tag", tag));
        return new SipNameAddress(Uri, DisplayName, parameters);
    }

    /// <summary>Always the name-addr form, so URI parameters never read as header parameters.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        if (!string.IsNullOrEmpty(DisplayName))
        {
            builder.Append('"');
            foreach (var c in DisplayName)
            {
                if (c is '"' or '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }

            builder.Append("\" ");
        }

        builder.Append('<').Append(Uri).Append('>');
        foreach (var p in Parameters)
        {
            builder.Append(';').Append(p.Name);
            if (p.Value is not null)
            {
                var quote = p.Value.Length == 0 || !IsPlainValue(p.Value);
                builder.Append('=');
                if (quote)
                {
                    builder.Append('"').Append(p.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                }
                else
                {
                    builder.Append(p.Value);
                }
            }
        }

        return builder.ToString();
    }

    internal static SipNameAddress ParseCore(string s, string what)
    {
        var pos = 0;
        SipSyntax.SkipWsp(s, ref pos);
        string? displayName = null;
        string uri;
        if (pos < s.Length && s[pos] == '"')
        {
            displayName = SipSyntax.ReadQuoted(s, ref pos, what);
            SipSyntax.SkipWsp(s, ref pos);
            if (pos >= s.Length || s[pos] != '<')
            {
                SipSyntax.Fail($"quoted display name not followed by <uri> in {what}");
            }

            uri = ReadBracketed(s, ref pos, what);
        }
        else if (s.IndexOf('<', pos) is var lt and >= 0)
        {
            var name = s.AsSpan(pos, lt - pos).Trim(" \t");
            foreach (var c in name)
            {
                if (!SipSyntax.IsToken(c) && !SipSyntax.IsWsp(c))
                {
                    SipSyntax.Fail($"display name must be tokens or a quoted string in {what}");
                }
            }

            displayName = name.IsEmpty ? null : name.ToString();
            pos = lt;
            uri = ReadBracketed(s, ref pos, what);
        }
        else
        {
            // addr-spec: any ';' that follows belongs to the header, so a URI holding ';', '?' or ',' must use <>.
            var start = pos;
            while (pos < s.Length && s[pos] != ';' && !SipSyntax.IsWsp(s[pos]))
            {
                if (s[pos] is '?' or ',')
                {
                    SipSyntax.Fail($"a URI with '{s[pos]}' must be enclosed in <> in {what}");
                }

                pos++;
            }

            uri = s[start..pos];
        }

        var parameters = SipSyntax.ReadParameters(s, ref pos, what);
        SipSyntax.SkipWsp(s, ref pos);
        if (pos != s.Length)
        {
            SipSyntax.Fail($"unexpected '{s[pos]}' in {what}");
        }

        if (!SipSyntax.IsAbsoluteUri(uri))
        {
            SipSyntax.Fail($"invalid URI '{uri}' in {what}");
        }

        return new SipNameAddress(uri, displayName, parameters);
    }

    private static string ReadBracketed(string s, ref int pos, string what)
    {
        var gt = s.IndexOf('>', pos);
        if (gt < 0)
        {
            SipSyntax.Fail($"missing '>' in {what}");
        }

        var uri = s[(pos + 1)..gt];
        if (uri.Length == 0 || SipSyntax.IsWsp(uri[0]) || SipSyntax.IsWsp(uri[^1]))
        {
            SipSyntax.Fail($"whitespace inside <> in {what}");
        }

        pos = gt + 1;
        return uri;
    }

    private static bool IsPlainValue(string value)
    {
        foreach (var c in value)
        {
            if (!SipSyntax.IsToken(c) && c is not (':' or '[' or ']'))
            {
                return false;
            }
        }

        return true;
    }
}
