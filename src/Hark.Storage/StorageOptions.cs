using System.ComponentModel.DataAnnotations;

namespace Hark.Storage;

/// <summary>Where Hark keeps its state; bound from <c>Hark</c> (so the key is <c>Hark:DataDirectory</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Hark";

    /// <summary>Holds <c>hark.db</c> and <c>recordings/</c>; relative paths resolve against the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./hark-data";
}
