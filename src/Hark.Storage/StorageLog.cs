using Microsoft.Extensions.Logging;

namespace Hark.Storage;

/// <summary>Storage log messages; event ids are stable (5xxx = storage).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(5000, LogLevel.Information, "Opened database {Path} at schema version {Version} (was {PreviousVersion})")]
    public static partial void DatabaseOpened(ILogger logger, string path, int version, int previousVersion);

    [LoggerMessage(5001, LogLevel.Information, "Deleted {Count} expired recordings of calls that ended before {EndedBefore}")]
    public static partial void RecordingsSwept(ILogger logger, int count, DateTimeOffset endedBefore);

    [LoggerMessage(5002, LogLevel.Warning, "Could not delete expired recording {RecordingId}; will retry on the next sweep")]
    public static partial void RecordingDeleteFailed(ILogger logger, string recordingId, Exception exception);

    [LoggerMessage(5003, LogLevel.Error, "Recording retention sweep failed; will retry on the next sweep")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(5004, LogLevel.Information, "Deleted {Calls} calls that ended before {EndedBefore}, with {Operations} operations and {Notifications} notifications (Hark:Retention:Calls)")]
    public static partial void CallsPruned(ILogger logger, int calls, int operations, int notifications, DateTimeOffset endedBefore);

    [LoggerMessage(5005, LogLevel.Error, "Call retention sweep failed; will retry on the next sweep")]
    public static partial void CallPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(5006, LogLevel.Warning, "WAL checkpoint failed; will retry in a second")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception);
}
