using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hark.Storage;

/// <summary>
/// Deletes ended calls' rows older than <see cref="RetentionOptions.Calls"/> in batches: at start-up, then every
/// <see cref="RetentionOptions.SweepInterval"/>. Recording files are not its business: a call with a recording row
/// is kept until <see cref="RecordingRetentionService"/> has deleted the recording (file first, then row).
/// </summary>
public sealed class CallRetentionService : PeriodicSweepService
{
    private readonly SqliteCallStore _store;
    private readonly RetentionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CallRetentionService> _logger;

    public CallRetentionService(SqliteCallStore store, IOptions<RetentionOptions> options, TimeProvider timeProvider, ILogger<CallRetentionService> logger)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Deletes every expired call, batch by batch; returns the totals.</summary>
    public async Task<PrunedCalls> SweepAsync(CancellationToken cancellationToken)
    {
        var endedBefore = _timeProvider.GetUtcNow() - _options.Calls;
        var total = default(PrunedCalls);
        while (true)
        {
            var batch = await _store.PruneEndedCallsAsync(endedBefore, _options.BatchSize, cancellationToken);
            total = new PrunedCalls(total.Calls + batch.Calls, total.Operations + batch.Operations, total.Notifications + batch.Notifications);
            if (batch.Calls < _options.BatchSize)
            {
                break;
            }

            // Between batches the writer gate is free for the calls that are live.
            await Task.Yield();
        }

        if (total.Calls > 0)
        {
            StorageLog.CallsPruned(_logger, total.Calls, total.Operations, total.Notifications, endedBefore);
        }

        return total;
    }

    protected override TimeSpan SweepInterval => _options.SweepInterval;

    protected override Task SweepOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    protected override void OnSweepFailed(Exception exception) => StorageLog.CallPruneFailed(_logger, exception);
}
