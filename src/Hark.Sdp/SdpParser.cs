using System.Diagnostics.CodeAnalysis;

namespace Hark.Sdp;

/// <summary>
/// Line-oriented RFC 4566 parser: tolerant of LF endings, trailing whitespace, blank or malformed lines and
/// unknown types or attributes; strict about v, o, s and the m line's port, which nothing can work without.
/// </summary>
internal sealed class SdpParser
{
    private readonly List<SdpLine> _sessionOther = [];
    private readonly List<SdpBandwidth> _sessionBandwidths = [];
    private readonly List<SdpAttribute> _sessionAttributes = [];
    private readonly List<SdpTiming> _timings = [];
    private readonly List<MediaDescription> _media = [];
    private List<string>? _repeats;
    private SdpOrigin? _origin;
    private string? _sessionName;
    private bool _sawVersion;
    private SdpConnection? _sessionConnection;
    private MediaBuilder? _current;

    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out SessionDescription? description,
        [NotNullWhen(false)] out SdpParseError? error)
    {
        description = null;
        var parser = new SdpParser();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd();
            if (line.Length < 2 || line[1] != '=')
            {
                // Blank lines and stray text carry nothing Hark could use; dropping them keeps odd stacks callable.
                continue;
            }

            error = parser.Accept(lineNumber, line[0], line[2..]);
            if (error is not null)
            {
                return false;
            }
        }

        return parser.Finish(out description, out error);
    }

    private SdpParseError? Accept(int lineNumber, char type, string value)
    {
        if (type == 'm')
        {
            return StartMedia(lineNumber, value);
        }

        if (_current is not null)
        {
            return AcceptMediaLine(lineNumber, type, value);
        }

        switch (type)
        {
            case 'v':
                if (_sawVersion)
                {
                    return null;
                }

                _sawVersion = true;
                return value.Trim() == "0" ? null : new SdpParseError(lineNumber, $"unsupported SDP version '{value}' (only 0 exists)");
            case 'o':
                return _origin is not null ? null : ParseOrigin(lineNumber, value);
            case 's':
                _sessionName ??= value;
                return null;
            case 'c':
                return ParseConnection(lineNumber, value, out _sessionConnection);
            case 'b':
                AddBandwidth(value, _sessionBandwidths, _sessionOther);
                return null;
            case 't':
                return ParseTiming(lineNumber, value);
            case 'r' when _repeats is not null:
                _repeats.Add(value);
                return null;
            case 'a':
                _sessionAttributes.Add(ParseAttribute(value));
                return null;
            default:
                _sessionOther.Add(new SdpLine(type, value));
                return null;
        }
    }

    private SdpParseError? AcceptMediaLine(int lineNumber, char type, string value)
    {
        var media = _current!;
        switch (type)
        {
            case 'c':
                var error = ParseConnection(lineNumber, value, out var connection);
                media.Connection ??= connection;
                return error;
            case 'b':
                AddBandwidth(value, media.Bandwidths, media.OtherLines);
                return null;
            case 'a':
                media.Attributes.Add(ParseAttribute(value));
                return null;
            default:
                media.OtherLines.Add(new SdpLine(type, value));
                return null;
        }
    }

    private SdpParseError? StartMedia(int lineNumber, string value)
    {
        FlushMedia();
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            return new SdpParseError(lineNumber, "m line needs media, port and protocol");
        }

        var portText = fields[1];
        int? portCount = null;
        var slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!SdpNumbers.TryParseInt(portText.AsSpan(slash + 1), out var count) || count == 0)
            {
                return new SdpParseError(lineNumber, $"m line has a bad port count '{portText}'");
            }

            portCount = count;
            portText = portText[..slash];
        }

        if (!SdpNumbers.TryParsePort(portText, out var port))
        {
            return new SdpParseError(lineNumber, $"m line has a bad port '{fields[1]}'");
        }

        _current = new MediaBuilder(fields[0], port, portCount, fields[2], fields[3..]);
        return null;
    }

    private SdpParseError? ParseOrigin(int lineNumber, string value)
    {
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            return new SdpParseError(lineNumber, $"o line needs 6 fields, found {fields.Length}");
        }

        _origin = new SdpOrigin(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        return null;
    }

    private static SdpParseError? ParseConnection(int lineNumber, string value, out SdpConnection? connection)
    {
        connection = null;
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 3)
        {
            return new SdpParseError(lineNumber, $"c line needs 3 fields, found {fields.Length}");
        }

        // Multicast: IP4 takes /ttl[/count], IP6 only /count (RFC 4566 section 5.7).
        var parts = fields[2].Split('/');
        var numbers = new int[parts.Length - 1];
        if (parts.Length > 3 || parts[0].Length == 0)
        {
            return new SdpParseError(lineNumber, $"c line has a bad address '{fields[2]}'");
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (!SdpNumbers.TryParseInt(parts[i], out numbers[i - 1]))
            {
                return new SdpParseError(lineNumber, $"c line has a bad address '{fields[2]}'");
            }
        }

        var isIPv6 = string.Equals(fields[1], "IP6", StringComparison.OrdinalIgnoreCase);
        connection = new SdpConnection(fields[0], fields[1], parts[0])
        {
            Ttl = !isIPv6 && numbers.Length >= 1 ? numbers[0] : null,
            AddressCount = isIPv6 && numbers.Length >= 1 ? numbers[0] : numbers.Length == 2 ? numbers[1] : null,
        };
        return null;
    }

    private SdpParseError? ParseTiming(int lineNumber, string value)
    {
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 2 || !SdpNumbers.TryParseULong(fields[0], out var start) || !SdpNumbers.TryParseULong(fields[1], out var stop))
        {
            return new SdpParseError(lineNumber, $"t line needs two numeric times, found '{value}'");
        }

        FlushRepeats();
        _timings.Add(new SdpTiming(start, stop));
        _repeats = [];
        return null;
    }

    private static void AddBandwidth(string value, List<SdpBandwidth> bandwidths, List<SdpLine> other)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            bandwidths.Add(new SdpBandwidth(value[..colon], value[(colon + 1)..]));
        }
        else
        {
            other.Add(new SdpLine('b', value));
        }
    }

    private static SdpAttribute ParseAttribute(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new SdpAttribute(value) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
    }

    private void FlushRepeats()
    {
        if (_repeats is { Count: > 0 })
        {
            _timings[^1] = _timings[^1] with { Repeats = [.. _repeats] };
        }
    }

    private void FlushMedia()
    {
        if (_current is not null)
        {
            _media.Add(_current.Build());
            _current = null;
        }
    }

    private bool Finish([NotNullWhen(true)] out SessionDescription? description, [NotNullWhen(false)] out SdpParseError? error)
    {
        description = null;
        FlushMedia();
        FlushRepeats();
        error = !_sawVersion ? new SdpParseError(0, "missing v= line")
            : _origin is null ? new SdpParseError(0, "missing o= line")
            : _sessionName is null ? new SdpParseError(0, "missing s= line")
            : null;
        if (error is not null)
        {
            return false;
        }

        description = new SessionDescription(_origin!, _sessionName!)
        {
            Connection = _sessionConnection,
            Bandwidths = [.. _sessionBandwidths],
            Timings = [.. _timings],
            OtherLines = [.. _sessionOther],
            Attributes = [.. _sessionAttributes],
            Media = [.. _media],
        };
        return true;
    }

    private sealed class MediaBuilder(string media, int port, int? portCount, string protocol, string[] formats)
    {
        public SdpConnection? Connection { get; set; }

        public List<SdpBandwidth> Bandwidths { get; } = [];

        public List<SdpLine> OtherLines { get; } = [];

        public List<SdpAttribute> Attributes { get; } = [];

        public MediaDescription Build() => new(media, port, protocol)
        {
            PortCount = portCount,
            Formats = formats,
            Connection = Connection,
            Bandwidths = [.. Bandwidths],
            OtherLines = [.. OtherLines],
            Attributes = [.. Attributes],
        };
    }
}
