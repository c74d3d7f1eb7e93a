using System.ComponentModel.DataAnnotations;

namespace Hark.Storage;

/// <summary>How long ended calls' rows (the call, its operations, its notifications) are kept; bound from <c>Hark:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Hark:Retention";

    /// <summary>
    /// An ended call, its operations and its notifications are deleted this long after it ended, once its recordings
    /// are gone (their own Hark:Recordings:Retention) and every notification of it is delivered or abandoned.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan Calls { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often ended calls are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Calls deleted per transaction, so a large backlog never holds the database's writer for long.</summary>
    [Range(1, 100000)]
    public int BatchSize { get; set; } = 100;
}
