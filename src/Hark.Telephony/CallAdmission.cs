using Hark.Calls.Admission;
using Microsoft.Extensions.Options;

namespace Hark.Telephony;

/// <summary>
/// Capacity from two signals: the SIP calls Hark carries against <see cref="CapacityOptions.MaxConcurrent"/>, and how
/// far the media clock runs behind (<see cref="MediaEngineOptions.MaxLagMilliseconds"/>).
/// </summary>
internal sealed class CallAdmission(IOptions<CapacityOptions> capacity, IOptions<MediaEngineOptions> media, MediaPacer pacer, TelephonyMetrics metrics) : ICallAdmission
{
    private int _live;

    /// <summary>Calls counted against the limit.</summary>
    public int Live => Volatile.Read(ref _live);

    /// <summary>A call placed through Graph (the SIP side asks with <see cref="TryAdmit(string, out TimeSpan)"/>).</summary>
    public bool TryAdmit(out TimeSpan retryAfter) => TryAdmit("graph", out retryAfter);

    /// <summary>True when a new call fits; a refusal is counted under <paramref name="source"/> (sip, graph).</summary>
    public bool TryAdmit(string source, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.FromSeconds(capacity.Value.RetryAfterSeconds);
        if (Live < capacity.Value.MaxConcurrent && pacer.Lag.TotalMilliseconds <= media.Value.MaxLagMilliseconds)
        {
            return true;
        }

        metrics.AdmissionRefused(source);
        return false;
    }

    public void Started() => Interlocked.Increment(ref _live);

    public void Ended() => Interlocked.Decrement(ref _live);
}
