using System.Diagnostics.Metrics;
using Hark.Sip.Transport;

namespace Hark.Sip.Tests.Transport;

/// <summary>Counts <c>hark.sip.tcp.refused</c> by reason while it lives (the meter is static: other tests' refusals count too).</summary>
internal sealed class RefusalCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public RefusalCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SipMetrics.MeterName && instrument.Name == "hark.sip.tcp.refused")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason" && tag.Value is string reason)
                {
                    lock (_counts)
                    {
                        _counts[reason] = _counts.GetValueOrDefault(reason) + value;
                    }
                }
            }
        });
        _listener.Start();
    }

    public long Of(string reason)
    {
        lock (_counts)
        {
            return _counts.GetValueOrDefault(reason);
        }
    }

    public void Dispose() => _listener.Dispose();
}
