using System.ComponentModel.DataAnnotations;

namespace Hark.Host;

/// <summary>Top-level operator settings, bound from the <c>Hark</c> configuration section.</summary>
public sealed class HarkOptions
{
    public const string SectionName = "Hark";

    /// <summary>Where the SQLite database and recordings live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./hark-data";

    /// <summary>Absolute base for URLs Hark hands out; empty means the request's scheme and host.</summary>
    public string? PublicBaseUrl { get; set; }
}
