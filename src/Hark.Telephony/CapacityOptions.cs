using System.ComponentModel.DataAnnotations;

namespace Hark.Telephony;

/// <summary>Hark's call capacity, bound from <c>Hark:Calls</c> (see docs/configuration.md for sizing).</summary>
public sealed class CapacityOptions
{
    public const string SectionName = "Hark:Calls";

    /// <summary>Most calls at once (SIP, incoming and outgoing, ringing included); past it new calls get 503.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrent { get; set; } = 250;

    /// <summary>The Retry-After Hark sends with a 503 for capacity, in seconds.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;
}
