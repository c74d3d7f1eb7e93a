using System.ComponentModel.DataAnnotations;

namespace Hark.Host.Operations;

/// <summary>Console log format, bound from <c>Hark:Logging</c>; levels are the standard <c>Logging:LogLevel:*</c> keys.</summary>
public sealed class LoggingOptions
{
    public const string SectionName = "Hark:Logging";

    /// <summary><c>line</c>: one line per event; <c>json</c>: one JSON object per line.</summary>
    [AllowedValues("line", "json")]
    public string Format { get; set; } = "line";
}
