using System.ComponentModel.DataAnnotations;

namespace Hark.Storage;

/// <summary>How long recordings are kept; bound from <c>Hark:Recordings</c>.</summary>
public sealed class RecordingsOptions
{
    public const string SectionName = "Hark:Recordings";

    /// <summary>How long after its call ended a recording is deleted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired recordings are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
