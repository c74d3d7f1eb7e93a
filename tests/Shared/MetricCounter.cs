using System.Diagnostics.Metrics;

namespace Hark.Testing;

/// <summary>
/// Sums a counter's measurements by one tag's value while it lives. Meters are per process, so every instance of the
/// code under test (other tests' hosts too) counts here: compare before and after, or count what only this test causes.
/// </summary>
internal sealed class MetricCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _byValue = new(StringComparer.Ordinal);

    public MetricCounter(string meterName, string instrumentName, string tagKey = "reason")
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == tagKey && tag.Value is string tagValue)
                {
                    lock (_byValue)
                    {
                        _byValue[tagValue] = _byValue.GetValueOrDefault(tagValue) + value;
                    }
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The sum so far of the measurements whose tag had <paramref name="tagValue"/>.</summary>
    public long Of(string tagValue)
    {
        lock (_byValue)
        {
            return _byValue.GetValueOrDefault(tagValue);
        }
    }

    public void Dispose() => _listener.Dispose();
}
