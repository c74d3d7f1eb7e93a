using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hark.Telephony.Tests;

/// <summary>Admission at capacity: refused with a reason that is counted, and logged once per run of refusals.</summary>
public sealed class CallAdmissionTests : IDisposable
{
    private readonly MediaPacer _pacer = new(new FakeTimeProvider());
    private readonly TestMeterFactory _meters = new();
    private readonly ListLogger<CallAdmission> _logger = new();

    public void Dispose()
    {
        _pacer.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public void TryAdmit_AtCapacity_RefusedCountedWithReason_OneWarningPerRun_ThenOneLineWhenAdmittingAgain()
    {
        var admission = new CallAdmission(
            Options.Create(new CapacityOptions { MaxConcurrent = 1, RetryAfterSeconds = 7 }),
            Options.Create(new MediaEngineOptions()),
            _pacer,
            new TelephonyMetrics(_meters, _pacer),
            _logger);
        var refusals = new List<(string Source, string Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "hark.admission.refused" && ReferenceEquals(instrument.Meter.Scope, _meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? source = null, reason = null;
            foreach (var tag in tags)
            {
                source = tag.Key == "source" ? (string?)tag.Value : source;
                reason = tag.Key == "reason" ? (string?)tag.Value : reason;
            }

            refusals.Add((source!, reason!));
        });
        listener.Start();

        Assert.True(admission.TryAdmit("sip", out _));
        admission.Started();
        Assert.False(admission.TryAdmit("sip", out var retryAfter));
        Assert.False(admission.TryAdmit("graph", out _));
        Assert.False(admission.TryAdmit("sip", out _));

        Assert.Equal(TimeSpan.FromSeconds(7), retryAfter);
        Assert.Equal([("sip", "capacity"), ("graph", "capacity"), ("sip", "capacity")], refusals);
        Assert.Equal([4004], _logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Id.Id));

        admission.Ended();
        Assert.True(admission.TryAdmit("sip", out _));
        Assert.True(admission.TryAdmit("sip", out _));

        Assert.Equal([4004, 4005], _logger.Entries.Select(e => e.Id.Id));
    }
}
