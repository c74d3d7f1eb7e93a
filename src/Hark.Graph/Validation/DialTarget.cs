using System.Buffers;
using System.Text;

namespace Hark.Graph.Validation;

/// <summary>
/// What an outgoing call may dial, checked before the call exists: a number (the SIP user part sent to the trunk) or
/// a plain <c>sip:</c> URI, <c>sip:[user@]host[:port][;param[=value]]...</c>. Deliberately narrower than RFC 3261:
/// no URI headers (<c>?...</c>), no password, no control characters, so whatever passes is one request-URI the SIP
/// layer builds and parses as is, and nothing a bot sends can add a header line.
/// </summary>
public static class DialTarget
{
    /// <summary>Longest target accepted, in characters.</summary>
    public const int MaxLength = 256;

    /// <summary>Longest number (SIP user part) accepted.</summary>
    public const int MaxNumberLength = 64;

    // RFC 3261 "unreserved" plus '+' (E.164); no ';', '?', '/', '@', ':' that would change what the user part means,
    // and no '#', which a SIP user part can only carry escaped.
    private static readonly SearchValues<char> NumberChars =
        SearchValues.Create("0123456789+-_.!~*'()abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static readonly SearchValues<char> HostChars =
        SearchValues.Create("0123456789.-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static readonly SearchValues<char> Ipv6Chars = SearchValues.Create("0123456789abcdefABCDEF:.");

    // Parameter names and values: characters both RFC 3261's token and its paramchar allow, unescaped.
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("0123456789-.!*_+'~abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    /// <summary>Null when <paramref name="target"/> can be dialled, else what is wrong with it (a sentence fragment).</summary>
    public static string? Check(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters (it has {target.Length})";
        }

        foreach (var c in target)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c) || !char.IsAscii(c))
            {
                return "must be printable ASCII without spaces, line breaks or NUL";
            }
        }

        if (target.StartsWith("sips:", StringComparison.OrdinalIgnoreCase) || target.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            return "must be a number or a sip: URI (Hark dials sip: only)";
        }

        return target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) ? CheckSipUri(target.AsSpan(4)) : CheckNumber(target);
    }

    /// <summary>The target with control characters shown as \uXXXX, for an error message that cannot break a log line.</summary>
    public static string Printable(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var builder = new StringBuilder(Math.Min(target.Length, 100));
        foreach (var c in target.AsSpan(0, Math.Min(target.Length, 100)))
        {
            _ = char.IsControl(c) ? builder.Append($"\\u{(int)c:x4}") : builder.Append(c);
        }

        return builder.ToString();
    }

    private static string? CheckNumber(string number) =>
        number.Length > MaxNumberLength ? $"as a number must be at most {MaxNumberLength} characters"
        : number.AsSpan().ContainsAnyExcept(NumberChars) ? "must be a number (digits, '+', '*', letters and - _ . ! ~ ' ( ) only) or a sip: URI"
        : null;

    private static string? CheckSipUri(ReadOnlySpan<char> rest)
    {
        if (rest.Contains('?'))
        {
            return "must not carry URI headers ('?...'): Hark builds the INVITE's headers itself";
        }

        var semicolon = rest.IndexOf(';');
        var address = semicolon < 0 ? rest : rest[..semicolon];
        var parameters = semicolon < 0 ? [] : rest[(semicolon + 1)..];
        var at = address.LastIndexOf('@');
        if (at >= 0)
        {
            var user = address[..at];
            if (user.IsEmpty || user.ContainsAnyExcept(NumberChars))
            {
                return "must have a user part of digits, letters, '+', '*' and - _ . ! ~ ' ( ) only (no password)";
            }

            address = address[(at + 1)..];
        }

        if (CheckHostPort(address) is { } hostProblem)
        {
            return hostProblem;
        }

        while (semicolon >= 0)
        {
            var next = parameters.IndexOf(';');
            var parameter = next < 0 ? parameters : parameters[..next];
            var equals = parameter.IndexOf('=');
            var name = equals < 0 ? parameter : parameter[..equals];
            var value = equals < 0 ? [] : parameter[(equals + 1)..];
            if (name.IsEmpty || name.ContainsAnyExcept(TokenChars) || (equals >= 0 && (value.IsEmpty || value.ContainsAnyExcept(TokenChars))))
            {
                return "has a malformed URI parameter (';name' or ';name=value' of token characters)";
            }

            semicolon = next;
            parameters = next < 0 ? [] : parameters[(next + 1)..];
        }

        return null;
    }

    private static string? CheckHostPort(ReadOnlySpan<char> hostPort)
    {
        ReadOnlySpan<char> host;
        ReadOnlySpan<char> port = [];
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']');
            if (close < 0 || hostPort[1..close].IsEmpty || hostPort[1..close].ContainsAnyExcept(Ipv6Chars))
            {
                return "must have a host (a name, an IPv4 address or [an IPv6 address])";
            }

            host = hostPort[..(close + 1)];
            var after = hostPort[(close + 1)..];
            if (!after.IsEmpty)
            {
                if (after[0] != ':')
                {
                    return "must have a host (a name, an IPv4 address or [an IPv6 address])";
                }

                port = after[1..];
                if (port.IsEmpty)
                {
                    return "must have a port of 1-65535 after ':'";
                }
            }
        }
        else
        {
            var colon = hostPort.IndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            port = colon < 0 ? [] : hostPort[(colon + 1)..];
            if (host.IsEmpty || host.ContainsAnyExcept(HostChars) || host.StartsWith('.') || host.StartsWith('-') || host.Contains("..", StringComparison.Ordinal))
            {
                return "must have a host (a name, an IPv4 address or [an IPv6 address])";
            }

            if (colon >= 0 && port.IsEmpty)
            {
                return "must have a port of 1-65535 after ':'";
            }
        }

        if (!port.IsEmpty && (port.Length > 5 || port.ContainsAnyExceptInRange('0', '9') || int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) is < 1 or > 65535))
        {
            return "must have a port of 1-65535 after ':'";
        }

        return null;
    }
}
