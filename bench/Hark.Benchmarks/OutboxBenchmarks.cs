using BenchmarkDotNet.Attributes;
using Hark.Calls.Persistence;
using Hark.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hark.Benchmarks;

/// <summary>
/// The call-event write path and the outbox queries against a real SQLite file: what one call event costs,
/// alone and when many calls save at once, and what the delivery loop's reads cost with hundreds of live calls.
/// </summary>
[MemoryDiagnoser]
public class OutboxBenchmarks
{
    private const int LiveCalls = 500;
    private const int Concurrent = 50;

    private string _directory = "";
    private SqliteCallStore _store = null!;
    private long _n;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "hark-bench-" + Guid.NewGuid().ToString("N"));
        _store = new SqliteCallStore(
            Options.Create(new StorageOptions { DataDirectory = _directory }), TimeProvider.System, NullLogger<SqliteCallStore>.Instance);

        // 500 live calls, each with two notifications waiting: the outbox a burst of set-ups leaves behind.
        var saves = new List<Task>();
        for (var c = 0; c < LiveCalls; c++)
        {
            saves.Add(_store.SaveAsync(Change($"live-{c}"), default));
            saves.Add(_store.SaveAsync(Change($"live-{c}"), default));
        }

        Task.WaitAll([.. saves]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One call event (call row + notification), nothing else writing.</summary>
    [Benchmark]
    public Task SaveOneEvent() => _store.SaveAsync(Change($"call-{Interlocked.Increment(ref _n) % 1000}"), default);

    /// <summary>50 calls each saving one event at once, as a burst of set-ups does; reported per event.</summary>
    [Benchmark(OperationsPerInvoke = Concurrent)]
    public Task Save50Concurrently()
    {
        var saves = new Task[Concurrent];
        for (var i = 0; i < Concurrent; i++)
        {
            var callId = $"call-{Interlocked.Increment(ref _n) % 1000}";
            saves[i] = Task.Run(() => _store.SaveAsync(Change(callId), default));
        }

        return Task.WhenAll(saves);
    }

    /// <summary>Settling one delivered notification (an update that matches no row costs the same gate and commit).</summary>
    [Benchmark]
    public Task MarkDelivered() => _store.MarkDeliveredAsync(long.MaxValue, DateTimeOffset.UtcNow, default);

    /// <summary>The delivery loop's read of due heads with 500 live calls (1,000 unsettled rows).</summary>
    [Benchmark]
    public Task ReadDue() => _store.ReadDueAsync(DateTimeOffset.UtcNow, 64, default);

    /// <summary>A delivery going on to its call's next message: one call's head, with 500 live calls.</summary>
    [Benchmark]
    public Task ReadDueForCall() => _store.ReadDueForCallAsync("live-250", DateTimeOffset.UtcNow, default);

    /// <summary>The delivery loop's look for the next due time with 500 live calls.</summary>
    [Benchmark]
    public Task NextDueAt() => _store.NextDueAtAsync(default);

    private CallStateChange Change(string callId)
    {
        var now = DateTimeOffset.UtcNow;
        return new CallStateChange
        {
            Call = new StoredCall(callId, "app-1", "established", "{\"id\":\"" + callId + "\",\"state\":\"established\"}", now, null),
            Notifications = [new OutboxMessage(Guid.NewGuid().ToString(), callId, "app-1", "http://127.0.0.1:9/cb", new string('x', 900), now)],
        };
    }
}
