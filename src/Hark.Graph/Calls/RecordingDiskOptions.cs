namespace Hark.Graph.Calls;

/// <summary>
/// The free-space floor under the recordings, read from <c>Hark:Health:MinFreeDiskMegabytes</c>: the key <c>/readyz</c>
/// checks is the one a new record is refused by, so an operator sets one number.
/// </summary>
public sealed class RecordingDiskOptions
{
    public const string SectionName = "Hark:Health";

    /// <summary>A new record or recordResponse is refused (507) while the recordings' file system has less free than this.</summary>
    public long MinFreeDiskMegabytes { get; set; } = 256;
}
