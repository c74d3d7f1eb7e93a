namespace Hark.Host.Operations;

/// <summary>Another process holds the data directory's lock.</summary>
public sealed class DataDirectoryLockedException(string directory, string? owner) : Exception(
    $"The data directory {directory} is in use by another Hark ({owner ?? "owner unknown"}). " +
    "Stop that one first, or give this one its own Hark:DataDirectory.")
{
    public string Directory { get; } = directory;
}
