using System.Globalization;

namespace Hark.Storage;

/// <summary>
/// Timestamps as fixed-width ISO-8601 UTC text with 100 ns ticks: exact round trips, readable in the sqlite3
/// shell, and plain text comparison orders them in time (what the due and expiry queries rely on).
/// </summary>
internal static class SqliteTimestamp
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset FromText(string text) =>
        new(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);
}
