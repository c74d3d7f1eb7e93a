using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hark.Telephony.Tests;

/// <summary>The shared media clock on a fake clock: what it ticks, when, and what it does with a failing session.</summary>
#pragma warning disable CA1001 // The pacer is stopped and disposed in IAsyncLifetime.DisposeAsync.
public sealed class MediaPacerTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger<MediaPacer> _logger = new();
    private readonly MediaPacer _pacer;

    public MediaPacerTests() => _pacer = new MediaPacer(_time, _logger);

    public Task InitializeAsync() => _pacer.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _pacer.StopAsync(CancellationToken.None);
        _pacer.Dispose();
    }

    [Fact]
    public async Task Tick_SessionThrows_LoggedAndTheOtherSessionsGoOn()
    {
        var failing = new CountingSession { Throws = true };
        var healthy = new CountingSession();
        _pacer.Add(failing);
        _pacer.Add(healthy);

        await AdvanceAsync(5, () => healthy.Ticks >= 5);

        Assert.Equal(5, healthy.Ticks);
        Assert.Equal(5, failing.Ticks);
        Assert.Equal(5, _logger.Entries.Count(e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException));
    }

    [Fact]
    public async Task Hold_WhileHeld_NothingTicksThenTheClockGoesOn()
    {
        var session = new CountingSession();
        _pacer.Add(session);
        await AdvanceAsync(2, () => session.Ticks >= 2);

        var hold = _pacer.Hold();
        var atHold = session.Ticks;
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(MediaPacer.FrameDuration);
            await Task.Delay(5);
        }

        Assert.Equal(atHold, session.Ticks);
        hold.Dispose();
        await WaitUntilAsync(() => session.Ticks > atHold);
    }

    [Fact]
    public async Task Lag_ClockWakesLate_ReportsHowLateAndTheGauge()
    {
        var session = new CountingSession();
        _pacer.Add(session);
        await AdvanceAsync(1, () => session.Ticks >= 1);
        using var meters = new TestMeterFactory();
        _ = new TelephonyMetrics(meters, _pacer);

        // A second passes before the clock's timer gets to run: the next round starts about a second late.
        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => session.Ticks > 1);

        Assert.InRange(_pacer.Lag.TotalMilliseconds, 900, 1000);
        using var listener = new MeterListener();
        double gauge = -1;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "hark.media.lag" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => gauge = value);
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Equal(_pacer.Lag.TotalMilliseconds, gauge);
    }

    // One frame at a time, each advance waited on until the clock has ticked for it: an advance made before the
    // pacer's loop has taken its start time (it wakes on a session being added) would otherwise be lost, and the
    // test would wait for ticks that never come. Stops as soon as done() holds, so no tick overshoots it.
    private async Task AdvanceAsync(int frames, Func<bool> done)
    {
        for (var i = 0; i < frames * 20 && !done(); i++)
        {
            await Task.Delay(5);
            _time.Advance(MediaPacer.FrameDuration);
            for (var wait = 0; wait < 20 && !done(); wait++)
            {
                await Task.Delay(10);
            }
        }

        await WaitUntilAsync(done);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
