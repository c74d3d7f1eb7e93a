using Hark.Calls.Persistence;

namespace Hark.Graph.Tests.Calls;

/// <summary>An <see cref="ICallStore"/> in memory, keeping every saved change in order for the test to read.</summary>
internal sealed class InMemoryCallStore : ICallStore, IOutboxSignal, IRecordingStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredCall> _calls = [];
    private readonly Dictionary<(string, string), StoredOperation> _operations = [];
    private readonly Dictionary<string, StoredRecording> _recordings = [];
    private readonly List<OutboxMessage> _outbox = [];
    private readonly Dictionary<string, MemoryStream> _files = [];

    /// <summary>Completes when a notification whose payload contains the text is saved.</summary>
    private readonly List<(string Text, TaskCompletionSource<OutboxMessage> Seen)> _waiters = [];

    public IReadOnlyList<OutboxMessage> Outbox
    {
        get
        {
            lock (_gate)
            {
                return [.. _outbox];
            }
        }
    }

    public int Signals { get; private set; }

    public Task<OutboxMessage> WaitForNotificationAsync(string text)
    {
        lock (_gate)
        {
            var found = _outbox.FirstOrDefault(m => m.Payload.Contains(text, StringComparison.Ordinal));
            if (found is not null)
            {
                return Task.FromResult(found);
            }

            var seen = new TaskCompletionSource<OutboxMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, seen));
            return seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public Task SaveAsync(CallStateChange change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (change.Call is { } call)
            {
                _calls[call.Id] = call;
            }

            foreach (var op in change.Operations)
            {
                _operations[(op.CallId, op.Id)] = op;
            }

            foreach (var recording in change.Recordings)
            {
                _recordings[recording.Id] = recording;
            }

            foreach (var message in change.Notifications)
            {
                _outbox.Add(message);
                foreach (var waiter in _waiters.Where(w => message.Payload.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Seen.TrySetResult(message);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<StoredCall?> GetCallAsync(string callId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_calls.GetValueOrDefault(callId));
        }
    }

    public Task<StoredOperation?> GetOperationAsync(string callId, string operationId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_operations.GetValueOrDefault((callId, operationId)));
        }
    }

    public Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(string callId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredOperation>>(_operations.Values.Where(o => o.CallId == callId).ToList());
        }
    }

    public Task<IReadOnlyList<StoredNotification>> GetNotificationsAsync(string callId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredNotification>>(
            [.. Outbox.Where(m => m.CallId == callId).Select(m => new StoredNotification(m, 0, null, null, null))]);

    public Task<IReadOnlyList<StoredCall>> GetUnfinishedCallsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredCall>>(_calls.Values.Where(c => c.EndedAt is null).ToList());
        }
    }

    public Task<StoredRecording?> GetRecordingAsync(string recordingId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_recordings.GetValueOrDefault(recordingId));
        }
    }

    public Task<IReadOnlyList<StoredRecording>> GetExpiredRecordingsAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task DeleteRecordingAsync(string recordingId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public void Notify() => Signals++;

    public Stream Create(string recordingId)
    {
        // MemoryStream.ToArray still works after the engine disposes the stream.
        var stream = new MemoryStream();
        lock (_gate)
        {
            _files[recordingId] = stream;
        }

        return stream;
    }

    public Stream? OpenRead(string recordingId)
    {
        lock (_gate)
        {
            return _files.TryGetValue(recordingId, out var file) ? new MemoryStream(file.ToArray()) : null;
        }
    }

    public void Delete(string recordingId)
    {
        lock (_gate)
        {
            _files.Remove(recordingId);
        }
    }

    public bool HasFile(string recordingId)
    {
        lock (_gate)
        {
            return _files.ContainsKey(recordingId);
        }
    }

}
