using System.Threading.Channels;
using Hark.Calls.Persistence;

namespace Hark.Graph.Tests.Notifications;

/// <summary>
/// An in-memory outbox with the port's contract: per call, only the oldest unsettled message is offered, and only
/// once it is due. Records every outcome and every misuse (settling a message that is not pending).
/// </summary>
internal sealed class FakeNotificationOutbox : INotificationOutbox
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private readonly Channel<Settlement> _settlements = Channel.CreateUnbounded<Settlement>();
    private readonly Channel<bool> _nextDueQueries = Channel.CreateUnbounded<bool>();
    private long _sequence;
    private int _readFailures;
    private Func<Task>? _holdNextRead;

    public enum Outcome
    {
        Delivered,
        Rescheduled,
        Abandoned,
    }

    /// <summary>Settling calls that broke the contract (unknown or already settled sequence).</summary>
    public List<string> Violations { get; } = [];

    /// <summary>Every successful ReadDueAsync's result size, in order.</summary>
    public List<int> ReadSizes { get; } = [];

    /// <summary>
    /// When set, the next ReadDueAsync takes its snapshot and then awaits this before returning it: the window in
    /// which a real store's read can be overtaken by a delivery settling.
    /// </summary>
    public Func<Task>? HoldNextRead
    {
        get => Volatile.Read(ref _holdNextRead);
        set => Volatile.Write(ref _holdNextRead, value);
    }

    /// <summary>The next <paramref name="count"/> ReadDueAsync calls throw.</summary>
    public void FailNextReads(int count) => Interlocked.Exchange(ref _readFailures, count);

    public long Add(OutboxMessage message, DateTimeOffset? dueAt = null)
    {
        lock (_gate)
        {
            var entry = new Entry(++_sequence, message) { DueAt = dueAt ?? message.CreatedAt };
            _entries.Add(entry);
            return entry.Sequence;
        }
    }

    /// <summary>The next outcome recorded, in the order they happened.</summary>
    public async Task<Settlement> NextSettlementAsync() =>
        await _settlements.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

    /// <summary>Completes once the service asks when the next message is due (it then goes to sleep).</summary>
    public async Task WaitForNextDueQueryAsync() =>
        await _nextDueQueries.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

    public (Outcome? State, int Attempts, IReadOnlyList<string> Errors) Inspect(long sequence)
    {
        lock (_gate)
        {
            var entry = _entries.Single(e => e.Sequence == sequence);
            return (entry.State, entry.Attempts, [.. entry.Errors]);
        }
    }

    public async Task<IReadOnlyList<PendingNotification>> ReadDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _readFailures) >= 0)
        {
            throw new InvalidOperationException("The outbox is broken (test).");
        }

        IReadOnlyList<PendingNotification> due;
        lock (_gate)
        {
            due = [.. Heads()
                .Where(e => e.DueAt <= now)
                .Take(max)
                .Select(e => new PendingNotification(e.Sequence, e.Message, e.Attempts))];
            ReadSizes.Add(due.Count);
        }

        if (Interlocked.Exchange(ref _holdNextRead, null) is { } hold)
        {
            await hold();
        }

        return due;
    }

    /// <summary>How many ReadDueForCallAsync calls found a due message (a delivery going straight on to the call's next).</summary>
    public int CallHeadsHandedOut { get; private set; }

    public Task<PendingNotification?> ReadDueForCallAsync(string callId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var head = Heads().FirstOrDefault(e => e.Message.CallId == callId && e.DueAt <= now);
            if (head is null)
            {
                return Task.FromResult<PendingNotification?>(null);
            }

            CallHeadsHandedOut++;
            return Task.FromResult<PendingNotification?>(new PendingNotification(head.Sequence, head.Message, head.Attempts));
        }
    }

    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? next;
        lock (_gate)
        {
            next = Heads().Select(e => (DateTimeOffset?)e.DueAt).Min();
        }

        _nextDueQueries.Writer.TryWrite(true);
        return Task.FromResult(next);
    }

    public Task MarkDeliveredAsync(long sequence, DateTimeOffset at, CancellationToken cancellationToken) =>
        Settle(sequence, Outcome.Delivered, e => e.Attempts++, null);

    public Task RescheduleAsync(long sequence, int attempts, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken) =>
        Settle(sequence, Outcome.Rescheduled, e => (e.Attempts, e.DueAt) = (attempts, nextAttemptAt), error);

    public Task MarkAbandonedAsync(long sequence, int attempts, string error, CancellationToken cancellationToken) =>
        Settle(sequence, Outcome.Abandoned, e => e.Attempts = attempts, error);

    private IEnumerable<Entry> Heads() =>
        _entries.Where(e => e.State is null or Outcome.Rescheduled).GroupBy(e => e.Message.CallId).Select(g => g.First());

    private Task Settle(long sequence, Outcome outcome, Action<Entry> apply, string? error)
    {
        lock (_gate)
        {
            var entry = _entries.SingleOrDefault(e => e.Sequence == sequence);
            if (entry is null || entry.State is Outcome.Delivered or Outcome.Abandoned)
            {
                Violations.Add($"{outcome} of {sequence}, which is not pending");
                return Task.CompletedTask;
            }

            apply(entry);
            entry.State = outcome;
            if (error is not null)
            {
                entry.Errors.Add(error);
            }

            _settlements.Writer.TryWrite(new Settlement(sequence, entry.Message.CallId, outcome, entry.Attempts, error));
        }

        return Task.CompletedTask;
    }

    public sealed record Settlement(long Sequence, string CallId, Outcome Outcome, int Attempts, string? Error);

    private sealed class Entry(long sequence, OutboxMessage message)
    {
        public long Sequence { get; } = sequence;

        public OutboxMessage Message { get; } = message;

        public DateTimeOffset DueAt { get; set; }

        public int Attempts { get; set; }

        public Outcome? State { get; set; }

        public List<string> Errors { get; } = [];
    }
}
