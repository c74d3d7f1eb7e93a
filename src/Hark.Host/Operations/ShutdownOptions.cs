using System.ComponentModel.DataAnnotations;

namespace Hark.Host.Operations;

/// <summary>How long a stop (SIGTERM) may take, bound from <c>Hark:Shutdown</c>.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Hark:Shutdown";

    /// <summary>The whole stop: live calls ended, recordings completed, notifications sent; then the process exits regardless.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Of that, how long the last notifications (the calls' <c>terminated</c>) are tried for after the calls ended.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:09:00")]
    public TimeSpan NotificationDrain { get; set; } = TimeSpan.FromSeconds(15);
}
