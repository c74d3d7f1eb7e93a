using System.Diagnostics.Metrics;

namespace Hark.Telephony;

/// <summary>The <c>Hark.Telephony</c> meter: what the media engine measures.</summary>
public sealed class TelephonyMetrics
{
    public const string MeterName = "Hark.Telephony";

    private readonly Counter<long> _concealedFrames;
    private readonly Counter<long> _admissionRefused;

    public TelephonyMetrics(IMeterFactory meters, MediaPacer pacer, ControlLagProbe? control = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(pacer);
        var meter = meters.Create(MeterName);
        _concealedFrames = meter.CreateCounter<long>(
            "hark.media.concealed_frames", "{frame}", "20 ms frames of received audio concealed because their packets never arrived");
        _admissionRefused = meter.CreateCounter<long>(
            "hark.admission.refused", "{call}", "Calls refused by the admission limit (503 with Retry-After); tags source (sip, graph) and reason (capacity, media_lag, control_lag)");
        meter.CreateObservableGauge(
            "hark.media.lag", () => pacer.Lag.TotalMilliseconds, "ms", "How far the media engine's clock runs behind real time");
        if (control is not null)
        {
            meter.CreateObservableGauge(
                "hark.control.lag", () => control.Lag.TotalMilliseconds, "ms", "How long control work (SIP, Graph, webhooks) lately waited for a thread-pool thread");
        }
    }

    internal void AdmissionRefused(string source, string reason) =>
        _admissionRefused.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("reason", reason));

    internal void Concealed(long frames)
    {
        if (frames > 0)
        {
            _concealedFrames.Add(frames);
        }
    }
}
