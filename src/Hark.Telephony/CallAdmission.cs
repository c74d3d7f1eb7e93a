using Hark.Calls.Admission;
using Microsoft.Extensions.Options;

namespace Hark.Telephony;

/// <summary>
/// Capacity from two signals: the SIP calls Hark carries against <see cref="CapacityOptions.MaxConcurrent"/>, and how
/// far the media clock runs behind (<see cref="MediaEngineOptions.MaxLagMilliseconds"/>).
/// </summary>
internal sealed class CallAdmission(IOptions<CapacityOptions> capacity, IOptions<MediaEngineOptions> media, MediaPacer pacer) : ICallAdmission
{
    private int _live;

    /// <summary>Calls counted against the limit.</summary>
    public int Live => Volatile.Read(ref _live);

    public bool TryAdmit(out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.FromSeconds(capacity.Value.RetryAfterSeconds);
        return Live < capacity.Value.MaxConcurrent && pacer.Lag.TotalMilliseconds <= media.Value.MaxLagMilliseconds;
    }

    public void Started() => Interlocked.Increment(ref _live);

    public void Ended() => Interlocked.Decrement(ref _live);
}
