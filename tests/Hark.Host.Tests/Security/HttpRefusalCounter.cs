using System.Diagnostics.Metrics;

namespace Hark.Host.Tests.Security;

/// <summary>Counts <c>hark.http.refused</c> by reason while it lives (every Hark in the process counts here).</summary>
public sealed class HttpRefusalCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _byReason = [];

    public HttpRefusalCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Hark.Host" && instrument.Name == "hark.http.refused")
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
                    lock (_byReason)
                    {
                        _byReason[reason] = _byReason.GetValueOrDefault(reason) + value;
                    }
                }
            }
        });
        _listener.Start();
    }

    public long Of(string reason)
    {
        lock (_byReason)
        {
            return _byReason.GetValueOrDefault(reason);
        }
    }

    public void Dispose() => _listener.Dispose();
}
