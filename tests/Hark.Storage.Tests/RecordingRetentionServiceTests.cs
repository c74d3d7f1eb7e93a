using Hark.Calls.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Hark.Storage.Tests.StorageTestData;

namespace Hark.Storage.Tests;

public sealed class RecordingRetentionServiceTests : IDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly TemporaryDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(T0.AddDays(2));
    private readonly SqliteCallStore _calls;
    private readonly FileRecordingStore _recordings;
    private readonly ObservedRecordingStore _observed;
    private readonly RecordingRetentionService _service;

    public RecordingRetentionServiceTests()
    {
        _calls = OpenStore(_directory.Path, _time);
        _recordings = OpenRecordings(_directory.Path);
        _observed = new ObservedRecordingStore(_recordings);
        _service = new RecordingRetentionService(
            _calls, _observed, Options.Create(new RecordingsOptions { Retention = Retention }), _time,
            NullLogger<RecordingRetentionService>.Instance);
    }

    public void Dispose()
    {
        _service.Dispose();
        _calls.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task SweepAsync_ExpiredRecentAndLiveCalls_DeletesOnlyExpired()
    {
        var now = _time.GetUtcNow();
        await SaveCallWithRecordingAsync("expired", now - Retention - TimeSpan.FromSeconds(1), "rec-expired-1", "rec-expired-2");
        await SaveCallWithRecordingAsync("recent", now - Retention + TimeSpan.FromSeconds(1), "rec-recent");
        await SaveCallWithRecordingAsync("live", null, "rec-live");

        var deleted = await _service.SweepAsync(default);

        Assert.Equal(2, deleted);
        Assert.All(new[] { "rec-expired-1", "rec-expired-2" }, id => Assert.Null(_recordings.OpenRead(id)));
        Assert.Null(await _calls.GetRecordingAsync("rec-expired-1", default));
        Assert.Null(await _calls.GetRecordingAsync("rec-expired-2", default));
        foreach (var id in new[] { "rec-recent", "rec-live" })
        {
            using var file = _recordings.OpenRead(id);
            Assert.NotNull(file);
            Assert.NotNull(await _calls.GetRecordingAsync(id, default));
        }

        Assert.NotNull(await _calls.GetCallAsync("expired", default));
    }

    [Fact]
    public async Task SweepAsync_TimePassesRetention_DeletesRecordingThatWasRecent()
    {
        var now = _time.GetUtcNow();
        await SaveCallWithRecordingAsync("recent", now - Retention + TimeSpan.FromMinutes(5), "rec-recent");
        Assert.Equal(0, await _service.SweepAsync(default));

        _time.Advance(TimeSpan.FromMinutes(5).Add(TimeSpan.FromTicks(1)));

        Assert.Equal(1, await _service.SweepAsync(default));
        Assert.Null(_recordings.OpenRead("rec-recent"));
    }

    [Fact]
    public async Task SweepAsync_FileAlreadyGone_StillDeletesRow()
    {
        await SaveCallWithRecordingAsync("expired", _time.GetUtcNow() - Retention * 2, "rec-1");
        _recordings.Delete("rec-1");

        Assert.Equal(1, await _service.SweepAsync(default));
        Assert.Null(await _calls.GetRecordingAsync("rec-1", default));
        Assert.Equal(0, await _service.SweepAsync(default));
    }

    [Fact]
    public async Task SweepAsync_FileDeleteFails_KeepsRowForNextSweep()
    {
        await SaveCallWithRecordingAsync("expired", _time.GetUtcNow() - Retention * 2, "rec-1");
        _observed.FailDeletes = true;

        Assert.Equal(0, await _service.SweepAsync(default));
        Assert.NotNull(await _calls.GetRecordingAsync("rec-1", default));

        _observed.FailDeletes = false;
        Assert.Equal(1, await _service.SweepAsync(default));
    }

    [Fact]
    public async Task StartAsync_ExpiredRecording_SweepsWithoutWaitingForInterval()
    {
        await SaveCallWithRecordingAsync("expired", _time.GetUtcNow() - Retention * 2, "rec-1");

        await _service.StartAsync(default);
        var deleted = await _observed.FirstDelete.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _service.StopAsync(default);

        Assert.Equal("rec-1", deleted);
        Assert.Null(_recordings.OpenRead("rec-1"));
    }

    private async Task SaveCallWithRecordingAsync(string callId, DateTimeOffset? endedAt, params string[] recordingIds)
    {
        foreach (var id in recordingIds)
        {
            await using var stream = _recordings.Create(id);
            await stream.WriteAsync(new byte[] { 1, 2, 3 });
        }

        await _calls.SaveAsync(new CallStateChange
        {
            Call = Call(callId, endedAt),
            Recordings = [.. recordingIds.Select(id => Recording(id, callId))],
        }, default);
    }
}
