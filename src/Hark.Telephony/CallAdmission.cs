using Hark.Calls.Admission;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hark.Telephony;

/// <summary>
/// Capacity from three signals: the SIP calls Hark carries against <see cref="CapacityOptions.MaxConcurrent"/>, how
/// far the media clock runs behind (<see cref="MediaEngineOptions.MaxLagMilliseconds"/>), and how long control work
/// waits for a thread (<see cref="CapacityOptions.MaxControlLagMilliseconds"/>).
/// </summary>
internal sealed class CallAdmission(
    IOptions<CapacityOptions> capacity, IOptions<MediaEngineOptions> media, MediaPacer pacer, TelephonyMetrics metrics,
    ILogger<CallAdmission>? logger = null, ControlLagProbe? control = null) : ICallAdmission
{
    public const string ReasonCapacity = "capacity";
    public const string ReasonMediaLag = "media_lag";
    public const string ReasonControlLag = "control_lag";

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private int _live;

    // Calls refused since the last admitted one: the first refusal of a run is a Warning, the end of the run one line.
    private int _refusedInRow;

    /// <summary>Calls counted against the limit.</summary>
    public int Live => Volatile.Read(ref _live);

    /// <summary>A call placed through Graph (the SIP side asks with <see cref="TryAdmit(string, out TimeSpan)"/>).</summary>
    public bool TryAdmit(out TimeSpan retryAfter) => TryAdmit("graph", out retryAfter);

    /// <summary>True when a new call fits; a refusal is counted under <paramref name="source"/> (sip, graph).</summary>
    public bool TryAdmit(string source, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.FromSeconds(capacity.Value.RetryAfterSeconds);
        var live = Live;
        var lag = pacer.Lag;
        var controlLag = control?.Lag ?? TimeSpan.Zero;
        var reason = live >= capacity.Value.MaxConcurrent ? ReasonCapacity
            : lag.TotalMilliseconds > media.Value.MaxLagMilliseconds ? ReasonMediaLag
            : controlLag.TotalMilliseconds > capacity.Value.MaxControlLagMilliseconds ? ReasonControlLag
            : null;
        if (reason is null)
        {
            var refused = Interlocked.Exchange(ref _refusedInRow, 0);
            if (refused > 0)
            {
                TelephonyLog.AdmittingAgain(_logger, refused);
            }

            return true;
        }

        metrics.AdmissionRefused(source, reason);
        if (Interlocked.Increment(ref _refusedInRow) == 1)
        {
            TelephonyLog.RefusingCalls(_logger, reason, live, capacity.Value.MaxConcurrent, (long)lag.TotalMilliseconds, media.Value.MaxLagMilliseconds,
                (long)controlLag.TotalMilliseconds, capacity.Value.MaxControlLagMilliseconds);
        }

        return false;
    }

    public void Started() => Interlocked.Increment(ref _live);

    public void Ended() => Interlocked.Decrement(ref _live);
}
