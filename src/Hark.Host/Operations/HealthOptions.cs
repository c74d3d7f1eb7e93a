using System.ComponentModel.DataAnnotations;

namespace Hark.Host.Operations;

/// <summary>What <c>/readyz</c> demands, bound from <c>Hark:Health</c>.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Hark:Health";

    /// <summary>Not ready when the recordings' file system has less free space than this.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeDiskMegabytes { get; set; } = 256;

    /// <summary>Not ready when a notification has been due this long without being sent (the delivery loop is stuck).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan OutboxStuckAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the SIP check waits for the answer to its OPTIONS.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan SipProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
