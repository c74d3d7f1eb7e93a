using Hark.Calls.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hark.Storage;

/// <summary>
/// Deletes recordings of calls that ended more than <see cref="RecordingsOptions.Retention"/> ago: at start-up
/// (catching up on downtime), then every <see cref="RecordingsOptions.SweepInterval"/>.
/// </summary>
public sealed class RecordingRetentionService : PeriodicSweepService
{
    private readonly ICallStore _calls;
    private readonly IRecordingStore _recordings;
    private readonly RecordingsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RecordingRetentionService> _logger;

    public RecordingRetentionService(
        ICallStore calls, IRecordingStore recordings, IOptions<RecordingsOptions> options, TimeProvider timeProvider,
        ILogger<RecordingRetentionService> logger)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _calls = calls;
        _recordings = recordings;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Deletes every expired recording, file first then row; returns how many were deleted.</summary>
    /// <remarks>
    /// File first: if the process dies between the two, the row remains and the next sweep finishes the job
    /// (deleting a missing file is a no-op); the other order could leave a file nothing refers to.
    /// </remarks>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var endedBefore = _timeProvider.GetUtcNow() - _options.Retention;
        var expired = await _calls.GetExpiredRecordingsAsync(endedBefore, cancellationToken);
        var deleted = 0;
        foreach (var recording in expired)
        {
            try
            {
                _recordings.Delete(recording.Id);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
            {
                StorageLog.RecordingDeleteFailed(_logger, recording.Id, exception);
                continue;
            }

            await _calls.DeleteRecordingAsync(recording.Id, cancellationToken);
            deleted++;
        }

        if (deleted > 0)
        {
            StorageLog.RecordingsSwept(_logger, deleted, endedBefore);
        }

        return deleted;
    }

    protected override TimeSpan SweepInterval => _options.SweepInterval;

    protected override Task SweepOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    protected override void OnSweepFailed(Exception exception) => StorageLog.SweepFailed(_logger, exception);
}
