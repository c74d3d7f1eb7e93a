using System.Threading.Channels;

namespace Hark.Integration.Harness;

/// <summary>The notifications of one call, in arrival order; waits read on and keep what they pass in <see cref="History"/>.</summary>
public sealed class CallInbox
{
    private readonly Channel<ReceivedNotification> _channel = Channel.CreateUnbounded<ReceivedNotification>();
    private readonly List<ReceivedNotification> _history = [];

    /// <summary>Everything read so far, in order.</summary>
    public IReadOnlyList<ReceivedNotification> History
    {
        get
        {
            lock (_history)
            {
                return [.. _history];
            }
        }
    }

    internal void Post(ReceivedNotification notification) => _channel.Writer.TryWrite(notification);

    /// <summary>Reads until a notification matches; fails with what was seen if none does in time.</summary>
    public async Task<ReceivedNotification> WaitForAsync(Func<ReceivedNotification, bool> match, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var next = await _channel.Reader.ReadAsync(cts.Token);
                lock (_history)
                {
                    _history.Add(next);
                }

                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"No notification '{what}' within {timeout.TotalSeconds} s. Seen:\n  " + string.Join("\n  ", History));
        }
    }

    /// <summary>Waits for a call notification (resourceUrl on the call itself) with this state.</summary>
    public Task<ReceivedNotification> WaitForStateAsync(string state, TimeSpan timeout) =>
        WaitForAsync(n => n.OperationId is null && string.Equals(n.State, state, StringComparison.OrdinalIgnoreCase), timeout, "state " + state);

    /// <summary>Waits for the completion (deleted on /operations/{id}) of an operation.</summary>
    public Task<ReceivedNotification> WaitForOperationAsync(string operationId, TimeSpan timeout) =>
        WaitForAsync(n => n.OperationId == operationId, timeout, "operation " + operationId);

    /// <summary>Reads whatever else arrives within <paramref name="quiet"/> (for "nothing more came" checks).</summary>
    public async Task<IReadOnlyList<ReceivedNotification>> DrainAsync(TimeSpan quiet)
    {
        var more = new List<ReceivedNotification>();
        using var cts = new CancellationTokenSource(quiet);
        try
        {
            while (true)
            {
                var next = await _channel.Reader.ReadAsync(cts.Token);
                lock (_history)
                {
                    _history.Add(next);
                }

                more.Add(next);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return more;
        }
    }
}
