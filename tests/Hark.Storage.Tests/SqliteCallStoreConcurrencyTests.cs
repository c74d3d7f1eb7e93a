using System.Diagnostics;
using Hark.Calls.Persistence;
using Xunit.Abstractions;
using static Hark.Storage.Tests.StorageTestData;

namespace Hark.Storage.Tests;

public sealed class SqliteCallStoreConcurrencyTests : IDisposable
{
    private const int Calls = 50;
    private const int StepsPerCall = 20;

    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteCallStore _store;
    private readonly ITestOutputHelper _output;

    public SqliteCallStoreConcurrencyTests(ITestOutputHelper output)
    {
        _store = OpenStore(_directory.Path);
        _output = output;
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task SaveAsync_ManyCallsConcurrently_AllWrittenAndEachCallsOutboxInOrder()
    {
        // One task per call, like call actors: each saves its steps in order, all calls at once, with readers alongside.
        var clock = Stopwatch.StartNew();
        using var writersDone = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            // At least one read even if the writers finish before this task is first scheduled (a loaded machine).
            var reads = 0;
            do
            {
                await _store.ReadDueAsync(DateTimeOffset.MaxValue, 100, default);
                await _store.GetCallAsync("call-0", default);
                reads++;
            }
            while (!writersDone.IsCancellationRequested);

            return reads;
        });
        var writers = Enumerable.Range(0, Calls).Select(c => Task.Run(async () =>
        {
            var callId = $"call-{c}";
            for (var step = 0; step < StepsPerCall; step++)
            {
                await _store.SaveAsync(new CallStateChange
                {
                    Call = Call(callId, state: $"step-{step}"),
                    Operations = [Operation(callId, $"op-{step}")],
                    Notifications = [Message($"{callId}-m{step}", callId)],
                }, default);
            }
        }));

        await Task.WhenAll(writers);
        var saving = clock.Elapsed;
        await writersDone.CancelAsync();
        var reads = await reader;
        Assert.True(reads > 0);

        for (var c = 0; c < Calls; c++)
        {
            var call = await _store.GetCallAsync($"call-{c}", default);
            Assert.Equal($"step-{StepsPerCall - 1}", call!.State);
            Assert.Equal(StepsPerCall, (await _store.GetOperationsAsync($"call-{c}", default)).Count);
        }

        clock.Restart();
        var delivered = await DrainAsync();
        _output.WriteLine($"{Calls * StepsPerCall} saves in {saving.TotalMilliseconds:F0} ms beside {reads} read pairs; drained in {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(Calls * StepsPerCall, delivered.Sum(d => d.Value.Count));
        foreach (var (callId, messages) in delivered)
        {
            Assert.Equal(Enumerable.Range(0, StepsPerCall).Select(step => $"{callId}-m{step}"), messages.Select(m => m.Message.Id));
            Assert.Equal(messages.Select(m => m.Sequence).Order(), messages.Select(m => m.Sequence));
        }
    }

    /// <summary>Delivers everything the way the delivery loop does: read heads, mark them, repeat.</summary>
    private async Task<Dictionary<string, List<PendingNotification>>> DrainAsync()
    {
        var delivered = new Dictionary<string, List<PendingNotification>>();
        for (var round = 0; round <= StepsPerCall; round++)
        {
            var due = await _store.ReadDueAsync(DateTimeOffset.MaxValue, 100, default);
            if (due.Count == 0)
            {
                break;
            }

            Assert.Equal(due.Count, due.Select(d => d.Message.CallId).Distinct().Count());
            foreach (var pending in due)
            {
                await _store.MarkDeliveredAsync(pending.Sequence, T0, default);
                if (!delivered.TryGetValue(pending.Message.CallId, out var list))
                {
                    delivered[pending.Message.CallId] = list = [];
                }

                list.Add(pending);
            }
        }

        return delivered;
    }
}
