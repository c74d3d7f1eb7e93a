using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Hark.Sip.Messages;

/// <summary>One Via header value (RFC 3261 §20.42), with the RFC 3581 rport parameter.</summary>
public sealed class SipVia
{
    /// <summary>The RFC 3261 branch prefix that marks a globally unique transaction id (§8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    public SipVia(string transport, string host, int? port, IReadOnlyList<SipParameter> parameters)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters;
    }

    /// <summary>"SIP/2.0" for any Via Hark accepts.</summary>
    public string Protocol { get; private init; } = "SIP/2.0";

    /// <summary>Upper-case transport token (UDP, TCP, TLS, SCTP or an extension).</summary>
    public string Transport { get; }

    /// <summary>The sent-by host; an IPv6 reference keeps its brackets.</summary>
    public string Host { get; }

    /// <summary>The sent-by port, or null when absent (the transport's default applies).</summary>
    public int? Port { get; }

    public IReadOnlyList<SipParameter> Parameters { get; }

    public string? Branch => SipSyntax.Find(Parameters, "branch");

    /// <summary>True when the branch starts with the magic cookie and has something after it (RFC 4475 §3.2.1).</summary>
    public bool HasRfc3261Branch => Branch is { Length: > 7 } branch && branch.StartsWith(MagicCookie, StringComparison.Ordinal);

    public string? Received => SipSyntax.Find(Parameters, "received");

    public string? Maddr => SipSyntax.Find(Parameters, "maddr");

    /// <summary>True when rport is present, with or without a value (RFC 3581).</summary>
    public bool HasRport => SipSyntax.Has(Parameters, "rport");

    /// <summary>The rport value, or null when absent or valueless.</summary>
    public int? Rport =>
        SipSyntax.Find(Parameters, "rport") is { Length: > 0 } value && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;

    public static SipVia Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseCore(text);
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out SipVia? via)
    {
        via = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            via = ParseCore(text);
            return true;
        }
        catch (SipParseException)
        {
            return false;
        }
    }

    /// <summary>A copy with received and rport filled in by the receiving server (RFC 3261 §18.2.1, RFC 3581 §4).</summary>
    public SipVia WithReceived(string received, int? rport)
    {
        var parameters = new List<SipParameter>(Parameters.Count + 1);
        foreach (var p in Parameters)
        {
            if (string.Equals(p.Name, "received", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            parameters.Add(string.Equals(p.Name, "rport", StringComparison.OrdinalIgnoreCase) && rport is { } value
                ? new SipParameter(p.Name, value.ToString(CultureInfo.InvariantCulture))
                : p);
        }

        parameters.Add(new SipParameter("received", received));
        return new SipVia(Transport, Host, Port, parameters) { Protocol = Protocol };
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(Protocol).Append('/').Append(Transport).Append(' ').Append(Host);
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

        return builder.ToString();
    }

    private static SipVia ParseCore(string s)
    {
        var pos = 0;
        var name = ReadSlashedToken(s, ref pos, first: true);
        var version = ReadSlashedToken(s, ref pos, first: false);
        var transport = ReadSlashedToken(s, ref pos, first: false);
        var afterTransport = pos;
        SipSyntax.SkipWsp(s, ref pos);
        if (pos == afterTransport)
        {
            SipSyntax.Fail("missing space before Via sent-by");
        }

        var start = pos;
        if (pos < s.Length && s[pos] == '[')
        {
            var close = s.IndexOf(']', pos);
            pos = close < 0 ? s.Length : close + 1;
        }
        else
        {
            while (pos < s.Length && (SipSyntax.IsAlphaNum(s[pos]) || s[pos] is '-' or '.' or '_'))
            {
                pos++;
            }
        }

        var host = s[start..pos];
        if (host.Length == 0 || (host[0] == '[' && host[^1] != ']'))
        {
            SipSyntax.Fail("invalid Via sent-by host");
        }

        int? port = null;
        var save = pos;
        SipSyntax.SkipWsp(s, ref pos);
        if (pos < s.Length && s[pos] == ':')
        {
            pos++;
            SipSyntax.SkipWsp(s, ref pos);
            var digitsStart = pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            {
                pos++;
            }

            if (!SipSyntax.TryParseDigits(s.AsSpan(digitsStart, pos - digitsStart), out var value) || value > 65535)
            {
                SipSyntax.Fail("invalid Via sent-by port");
            }

            port = (int)value;
        }
        else
        {
            pos = save;
        }

        var parameters = SipSyntax.ReadParameters(s, ref pos, "Via");
        SipSyntax.SkipWsp(s, ref pos);
        if (pos != s.Length)
        {
            SipSyntax.Fail($"unexpected '{s[pos]}' in Via");
        }

        if (SipSyntax.Find(parameters, "rport") is { Length: > 0 } rport
            && (!SipSyntax.TryParseDigits(rport, out var rportValue) || rportValue > 65535))
        {
            SipSyntax.Fail("invalid Via rport");
        }

        return new SipVia(transport.ToUpperInvariant(), host, port, parameters)
        {
            Protocol = $"{name.ToUpperInvariant()}/{version}",
        };
    }

    private static string ReadSlashedToken(string s, ref int pos, bool first)
    {
        SipSyntax.SkipWsp(s, ref pos);
        if (!first)
        {
            if (pos >= s.Length || s[pos] != '/')
            {
                SipSyntax.Fail("invalid Via sent-protocol");
            }

            pos++;
            SipSyntax.SkipWsp(s, ref pos);
        }

        var token = SipSyntax.ReadToken(s, ref pos);
        if (token.Length == 0)
        {
            SipSyntax.Fail("invalid Via sent-protocol");
        }

        if (!first)
        {
            return token;
        }

        var save = pos;
        SipSyntax.SkipWsp(s, ref pos);
        if (pos >= s.Length || s[pos] != '/')
        {
            SipSyntax.Fail("invalid Via sent-protocol");
        }

        pos = save;
        return token;
    }
}
