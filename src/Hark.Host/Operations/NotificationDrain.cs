using Hark.Calls.Persistence;
using Hark.Storage;
using Microsoft.Extensions.Options;

namespace Hark.Host.Operations;

/// <summary>
/// Holds a stop open until the outbox is empty or <see cref="ShutdownOptions.NotificationDrain"/> has passed.
/// Registered between the webhook delivery service and the call hub, so it stops after the hub has ended every
/// live call (and completed its recordings) and before delivery stops: the calls' last notifications go out now,
/// not on the next start.
/// </summary>
internal sealed class NotificationDrain(
    SqliteCallStore store, IOutboxSignal signal, IOptions<ShutdownOptions> options, TimeProvider time, ILogger<NotificationDrain> logger) : IHostedService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var pending = store.CountUnsettledNotifications();
        if (pending == 0)
        {
            return;
        }

        var drain = options.Value.NotificationDrain;
        OperationsLog.Draining(logger, drain.TotalSeconds, pending);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(drain);
        signal.Notify();
        try
        {
            while (pending > 0)
            {
                await Task.Delay(PollInterval, time, deadline.Token);
                pending = store.CountUnsettledNotifications();
            }
        }
        catch (OperationCanceledException)
        {
            OperationsLog.DrainIncomplete(logger, pending);
        }
    }
}
