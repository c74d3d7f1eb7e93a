using Microsoft.Extensions.Hosting;

namespace Hark.Storage;

/// <summary>
/// A sweep run at start-up (catching up on downtime) and then every <see cref="SweepInterval"/>. A failed sweep (a
/// locked database, a full disk) is reported to <see cref="OnSweepFailed"/> and does not stop the host: the next
/// tick retries.
/// </summary>
public abstract class PeriodicSweepService(TimeProvider timeProvider) : BackgroundService
{
    /// <summary>The time between sweeps.</summary>
    protected abstract TimeSpan SweepInterval { get; }

    /// <summary>One sweep.</summary>
    protected abstract Task SweepOnceAsync(CancellationToken cancellationToken);

    /// <summary>Logs a sweep that failed.</summary>
    protected abstract void OnSweepFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, timeProvider);
        try
        {
            do
            {
                try
                {
                    await SweepOnceAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    OnSweepFailed(exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (or disposed without a stop): not a failure.
        }
    }
}
