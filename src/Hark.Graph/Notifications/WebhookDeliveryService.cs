using System.Threading.Channels;
using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Notifications;

/// <summary>
/// Drains the notification outbox: POSTs due notifications, several calls at once but one message per call at a
/// time, and records each outcome (delivered, retry later with backoff, or abandoned). <see cref="Notify"/> wakes it.
/// A delivered call's next due message follows in the same slot, read for that call alone.
/// </summary>
public sealed class WebhookDeliveryService : BackgroundService, IOutboxSignal
{
    /// <summary>The longest the loop sleeps without looking at the outbox, in case a signal was missed.</summary>
    internal static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(30);

    /// <summary>The pause after the outbox failed, so a broken store is not hammered.</summary>
    internal static readonly TimeSpan StoreRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While POSTs are in flight the outbox's earliest due message is usually one of them; how often the loop
    /// looks for other calls' retries that fall due meanwhile (a finished POST wakes it anyway).
    /// </summary>
    internal static readonly TimeSpan BusyRecheck = TimeSpan.FromSeconds(1);

    /// <summary>Floor for a wait when the outbox says something is due but gave nothing, so the loop cannot spin.</summary>
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(20);

    private readonly INotificationOutbox _outbox;
    private readonly WebhookSender _sender;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDeliveryService> _logger;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly CancellationTokenSource _deliveries = new();

    // Capacity 1, extra writes dropped: any number of Notify calls before the loop looks collapse into one wake-up.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    // Calls whose delivery finished since the current outbox read began. That read may predate the settle, so its
    // row for such a call is stale (already delivered, or rescheduled) and must not start: it would be POSTed twice.
    // The finished delivery's Notify makes the loop read again, and the fresh read sees the settled state.
    private readonly HashSet<string> _finishedDuringRead = new(StringComparer.Ordinal);

    public WebhookDeliveryService(
        INotificationOutbox outbox,
        GraphTokenService tokens,
        HarkBaseUrl baseUrl,
        IHttpClientFactory httpClientFactory,
        IOptions<WebhookOptions> options,
        TimeProvider time,
        ILogger<WebhookDeliveryService> logger,
        IHostApplicationLifetime? lifetime = null)
    {
        _outbox = outbox;
        _lifetime = lifetime;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _sender = new WebhookSender(httpClientFactory, tokens, baseUrl, _options, time);
    }

    public override void Dispose()
    {
        // The base cancels the stopping token first, which runs the grace callback on _deliveries.
        base.Dispose();
        _deliveries.Dispose();
    }

    /// <summary>New notifications were saved: look at the outbox now. Cheap, never blocks, safe from any thread.</summary>
    public void Notify() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Host start-up should not wait for the first outbox read.
        await Task.Yield();

        // In a host, deliver only once it has started: the bot's follow-up requests can then be served, and the
        // base URL that issues the notification tokens is known (a listen port of 0 is only known by then).
        if (_lifetime is { ApplicationStarted: var started } && !started.IsCancellationRequested)
        {
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (started.Register(() => ready.TrySetResult()))
            using (stoppingToken.Register(() => ready.TrySetCanceled(stoppingToken)))
            {
                try
                {
                    await ready.Task;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        // Deliveries under way outlive the stop request by the grace period (see WebhookOptions.ShutdownGrace).
        using var grace = stoppingToken.Register(() => _deliveries.CancelAfter(_options.ShutdownGrace));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan? wait;
                try
                {
                    wait = await PumpAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    WebhookLog.OutboxReadFailed(_logger, ex, StoreRetryDelay);
                    await Task.Delay(StoreRetryDelay, _time, stoppingToken);
                    continue;
                }

                if (wait is { } delay)
                {
                    await WaitForWakeAsync(delay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await DrainAsync();
        }
    }

    /// <summary>Starts what is due; returns how long to wait before the next look, or null to look again at once.</summary>
    private async Task<TimeSpan?> PumpAsync(CancellationToken cancellationToken)
    {
        // Consumed before reading, so a Notify during the read still wakes the next wait.
        _wake.Reader.TryRead(out _);

        int inFlight;
        lock (_gate)
        {
            inFlight = _inFlight.Count;
            _finishedDuringRead.Clear();
        }

        var wanted = Math.Min(_options.BatchSize, _options.MaxConcurrency - inFlight);
        if (wanted <= 0)
        {
            // Every slot is busy; a finishing POST wakes the loop.
            return IdleWait;
        }

        // Calls already in flight still have their head in the outbox; ask for enough to fill the free slots anyway.
        var due = await _outbox.ReadDueAsync(_time.GetUtcNow(), wanted + inFlight, cancellationToken);
        var started = 0;
        foreach (var pending in due)
        {
            if (started == wanted)
            {
                break;
            }

            if (TryStart(pending, cancellationToken))
            {
                started++;
            }
        }

        if (started == wanted)
        {
            return null;
        }

        var next = await _outbox.NextDueAtAsync(cancellationToken);
        if (next is null)
        {
            return IdleWait;
        }

        var untilDue = next.Value - _time.GetUtcNow();
        if (untilDue <= TimeSpan.Zero)
        {
            untilDue = inFlight + started > 0 ? BusyRecheck : MinimumWait;
        }

        return untilDue < IdleWait ? untilDue : IdleWait;
    }

    private bool TryStart(PendingNotification pending, CancellationToken stoppingToken)
    {
        var callId = pending.Message.CallId;
        lock (_gate)
        {
            if (_inFlight.Count >= _options.MaxConcurrency || _inFlight.ContainsKey(callId) || _finishedDuringRead.Contains(callId))
            {
                return false;
            }

            // Added under the lock, so the delivery's own removal (which takes the lock) always comes after.
            // No token on Task.Run: the delegate must run to remove its entry even when stopping.
            _inFlight.Add(callId, Task.Run(() => DeliverAsync(pending, _deliveries.Token), CancellationToken.None));
        }

        return true;
    }

    /// <summary>
    /// Delivers the call's message, then goes straight on to the call's next one while one is due: the slot stays
    /// the call's, so nothing else can start it meanwhile, and a busy call costs no read of every call's head.
    /// </summary>
    private async Task DeliverAsync(PendingNotification pending, CancellationToken stoppingToken)
    {
        var callId = pending.Message.CallId;
        try
        {
            PendingNotification? next = pending;
            while (next is not null && !stoppingToken.IsCancellationRequested)
            {
                next = await DeliverOneAsync(next, stoppingToken);
            }
        }
        finally
        {
            lock (_gate)
            {
                _inFlight.Remove(callId);
                _finishedDuringRead.Add(callId);
            }

            Notify();
        }
    }

    /// <summary>POSTs one message and settles it; returns the call's next message if it was delivered and one is due now.</summary>
    private async Task<PendingNotification?> DeliverOneAsync(PendingNotification pending, CancellationToken stoppingToken)
    {
        var message = pending.Message;
        try
        {
            var attempt = await _sender.SendAsync(message, stoppingToken);
            if (!await SettleAsync(pending, attempt))
            {
                return null;
            }

            return await _outbox.ReadDueForCallAsync(message.CallId, _time.GetUtcNow(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-POST: the message stays due and goes again on the next start (receivers deduplicate).
        }
        catch (Exception ex)
        {
            WebhookLog.SettleFailed(_logger, ex, message.Id, message.CallId);
            try
            {
                // Hold the call's slot for a moment: re-reading at once would resend against a failing store.
                await Task.Delay(StoreRetryDelay, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        return null;
    }

    /// <summary>Records the attempt's outcome; true when it was delivered (the call's next message may go).</summary>
    private async Task<bool> SettleAsync(PendingNotification pending, WebhookAttempt attempt)
    {
        var message = pending.Message;
        var attempts = pending.Attempts + 1;
        var now = _time.GetUtcNow();

        // Not cancellable: once the receiver has it, recording that is worth the few milliseconds of a stop.
        if (attempt.Delivered)
        {
            await _outbox.MarkDeliveredAsync(pending.Sequence, now, CancellationToken.None);
            WebhookLog.Delivered(_logger, message.Id, message.CallId, Outbound.UriDisplay.Shorten(message.TargetUri), attempts);
            return true;
        }

        var error = attempt.Error ?? "Unknown failure.";
        if (attempt.Permanent || attempts >= _options.MaxAttempts)
        {
            await _outbox.MarkAbandonedAsync(pending.Sequence, attempts, error, CancellationToken.None);
            WebhookLog.Abandoned(_logger, message.Id, message.CallId, Outbound.UriDisplay.Shorten(message.TargetUri), attempts, error);
            return false;
        }

        var nextAttemptAt = now + WebhookBackoff.Delay(attempts, _options.InitialBackoff, _options.MaxBackoff, Random.Shared.NextDouble());
        await _outbox.RescheduleAsync(pending.Sequence, attempts, nextAttemptAt, error, CancellationToken.None);
        WebhookLog.Rescheduled(_logger, message.Id, message.CallId, Outbound.UriDisplay.Shorten(message.TargetUri), attempts, _options.MaxAttempts, error, nextAttemptAt);
        return false;
    }

    private async Task WaitForWakeAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        // Whichever comes first: a Notify (or a finished POST), the delay, or stopping; the loser is cancelled.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var signal = _wake.Reader.WaitToReadAsync(wait.Token).AsTask();
        var timer = Task.Delay(delay, _time, wait.Token);
        await Task.WhenAny(signal, timer);
        await wait.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task DrainAsync()
    {
        Task[] running;
        lock (_gate)
        {
            running = [.. _inFlight.Values];
        }

        // Deliveries catch their own failures; this only waits for cancelled POSTs to unwind.
        await Task.WhenAll(running);
    }
}
