using System.Net;

namespace Hark.Sip.Transport;

/// <summary>
/// At most one warning per source address and kind per interval, so an attack shows in the log without
/// flooding it: <see cref="ShouldLog"/> also says how many were held back since the last one.
/// </summary>
internal sealed class SipWarningThrottle(TimeProvider time, TimeSpan interval, int maxSources = 4096)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(IPAddress, int), (long Stamp, int Suppressed)> _last = [];

    public bool ShouldLog(IPAddress source, int kind, out int suppressed)
    {
        var now = time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            var key = (source, kind);
            if (_last.TryGetValue(key, out var last) && TimeSpan.FromTicks(now - last.Stamp) < interval)
            {
                _last[key] = (last.Stamp, last.Suppressed + 1);
                suppressed = 0;
                return false;
            }

            if (_last.Count >= maxSources)
            {
                _last.Clear();
            }

            suppressed = last.Suppressed;
            _last[key] = (now, 0);
            return true;
        }
    }
}
