using System.ComponentModel.DataAnnotations;

namespace Hark.Telephony;

/// <summary>Hark's call capacity, bound from <c>Hark:Calls</c> (see docs/configuration.md for sizing).</summary>
public sealed class CapacityOptions
{
    public const string SectionName = "Hark:Calls";

    /// <summary>Most calls at once (SIP, incoming and outgoing, ringing included); past it new calls get 503.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrent { get; set; } = 250;

    /// <summary>
    /// How long control work (SIP, Graph requests, webhooks) may wait for a thread (<see cref="ControlLagProbe.Lag"/>)
    /// before new calls are refused with 503: past it the machine answers set-ups, webhooks and bots late, and a call
    /// admitted then would have its recording started after the caller began to speak.
    /// </summary>
    [Range(50, 60_000)]
    public int MaxControlLagMilliseconds { get; set; } = 1000;

    /// <summary>The Retry-After Hark sends with a 503 for capacity, in seconds.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;
}
