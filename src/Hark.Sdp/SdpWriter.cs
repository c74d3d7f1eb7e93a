using System.Globalization;
using System.Text;

namespace Hark.Sdp;

/// <summary>Writes descriptions in RFC 4566 line order with CRLF endings; kept lines land in their RFC slot.</summary>
internal static class SdpWriter
{
    private const string SessionHeadTypes = "iuep";
    private const string SessionTimeTypes = "zk";

    public static string Write(SessionDescription sdp)
    {
        var text = new StringBuilder(512);
        Line(text, string.Create(CultureInfo.InvariantCulture, $"v={sdp.Version}"));
        Line(text, sdp.Origin.ToString());
        Line(text, sdp.SessionName.Length == 0 ? "s= " : $"s={sdp.SessionName}");
        Lines(text, sdp.OtherLines.Where(l => SessionHeadTypes.Contains(l.Type, StringComparison.Ordinal)));
        if (sdp.Connection is not null)
        {
            Line(text, sdp.Connection.ToString());
        }

        Lines(text, sdp.Bandwidths);
        foreach (var timing in sdp.Timings.Count == 0 ? [SdpTiming.Unbounded] : sdp.Timings)
        {
            Line(text, string.Create(CultureInfo.InvariantCulture, $"t={timing.Start} {timing.Stop}"));
            foreach (var repeat in timing.Repeats)
            {
                Line(text, $"r={repeat}");
            }
        }

        Lines(text, sdp.OtherLines.Where(l => SessionTimeTypes.Contains(l.Type, StringComparison.Ordinal)));
        Lines(text, sdp.OtherLines.Where(l => !SessionHeadTypes.Contains(l.Type, StringComparison.Ordinal)
            && !SessionTimeTypes.Contains(l.Type, StringComparison.Ordinal)));
        Lines(text, sdp.Attributes);
        foreach (var media in sdp.Media)
        {
            WriteMedia(text, media);
        }

        return text.ToString();
    }

    private static void WriteMedia(StringBuilder text, MediaDescription media)
    {
        text.Append("m=").Append(media.Media).Append(' ').Append(media.Port);
        if (media.PortCount is int count)
        {
            text.Append('/').Append(count);
        }

        text.Append(' ').Append(media.Protocol);
        foreach (var format in media.Formats)
        {
            text.Append(' ').Append(format);
        }

        text.Append("\r\n");
        Lines(text, media.OtherLines.Where(l => l.Type == 'i'));
        if (media.Connection is not null)
        {
            Line(text, media.Connection.ToString());
        }

        Lines(text, media.Bandwidths);
        Lines(text, media.OtherLines.Where(l => l.Type != 'i'));
        Lines(text, media.Attributes);
    }

    private static void Lines<T>(StringBuilder text, IEnumerable<T> lines)
        where T : notnull
    {
        foreach (var line in lines)
        {
            Line(text, line.ToString()!);
        }
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append("\r\n");
}
