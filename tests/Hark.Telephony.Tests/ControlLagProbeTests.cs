using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hark.Telephony.Tests;

/// <summary>The control plane's lag: thread-pool waits of the probes, on a fake clock, and admission refusing on it.</summary>
public sealed class ControlLagProbeTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ControlLagProbe _probe;

    public ControlLagProbeTests() => _probe = new ControlLagProbe(_time);

    public void Dispose() => _probe.Dispose();

    [Fact]
    public void Lag_NoProbeYet_Zero()
    {
        Assert.Equal(TimeSpan.Zero, _probe.Lag);
    }

    [Fact]
    public void Lag_TheLongestOfTheLastTenWaits()
    {
        RunProbe(TimeSpan.FromMilliseconds(400));
        for (var i = 0; i < 9; i++)
        {
            RunProbe(TimeSpan.FromMilliseconds(5));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(400), _probe.Lag);

        // The eleventh probe pushes the 400 ms wait out of the window.
        RunProbe(TimeSpan.FromMilliseconds(5));
        Assert.Equal(TimeSpan.FromMilliseconds(5), _probe.Lag);
    }

    [Fact]
    public void Lag_AProbeStillWaiting_CountsItsAge_AndNoSecondIsQueued()
    {
        RunProbe(TimeSpan.FromMilliseconds(2));
        Assert.True(_probe.TryQueue(out _));
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.False(_probe.TryQueue(out _));
        Assert.Equal(TimeSpan.FromSeconds(3), _probe.Lag);
    }

    [Fact]
    public void TryAdmit_ControlWorkWaitingPastTheLimit_RefusedAsControlLag_ThenAdmittedOnceItCatchesUp()
    {
        using var pacer = new MediaPacer(_time);
        using var meters = new TestMeterFactory();
        var logger = new ListLogger<CallAdmission>();
        var admission = new CallAdmission(
            Options.Create(new CapacityOptions { MaxControlLagMilliseconds = 500 }), Options.Create(new MediaEngineOptions()),
            pacer, new TelephonyMetrics(meters, pacer, _probe), logger, _probe);

        Assert.True(admission.TryAdmit("sip", out _));
        RunProbe(TimeSpan.FromMilliseconds(800));
        Assert.False(admission.TryAdmit("sip", out _));
        Assert.Contains(logger.Entries, e => e.Id.Id == 4004);

        for (var i = 0; i < 10; i++)
        {
            RunProbe(TimeSpan.FromMilliseconds(10));
        }

        Assert.True(admission.TryAdmit("sip", out _));
    }

    [Fact]
    public async Task Start_RealThreadPool_ProbesRunAndTheLagStaysSmall()
    {
        using var probe = new ControlLagProbe(TimeProvider.System);
        await probe.StartAsync(CancellationToken.None);
        await Task.Delay(350);
        await probe.StopAsync(CancellationToken.None);

        // Probes ran (a thread hand-off takes some microseconds); an idle pool runs them within milliseconds, and the
        // upper bound only guards against probes never running.
        Assert.InRange(probe.Lag, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Dispose_WhileRunningWithoutStop_StopsItsThread()
    {
        // A host disposed after a failed start never calls StopAsync; the probe's thread must not outlive it (it used
        // to wait on a disposed event and take the process down with an unhandled ObjectDisposedException).
        var probe = new ControlLagProbe(TimeProvider.System);
        await probe.StartAsync(CancellationToken.None);
        await Task.Delay(150);

        Assert.True(probe.IsRunning);
        probe.Dispose();

        Assert.False(probe.IsRunning);
        probe.Dispose();
    }

    private void RunProbe(TimeSpan wait)
    {
        Assert.True(_probe.TryQueue(out var queuedAt));
        _time.Advance(wait);
        _probe.Ran(queuedAt);
    }
}
