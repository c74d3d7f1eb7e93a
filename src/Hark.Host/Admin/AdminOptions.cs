using System.ComponentModel.DataAnnotations;

namespace Hark.Host.Admin;

/// <summary>What the operator's call timeline keeps in memory, from <c>Hark:Admin</c>.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Hark:Admin";

    /// <summary>SIP messages summarised per call (later ones are counted, not kept); 0 keeps none.</summary>
    [Range(0, 10_000)]
    public int SipMessagesPerCall { get; set; } = 100;

    /// <summary>Graph requests remembered per call (later ones are counted, not kept); 0 keeps none.</summary>
    [Range(0, 10_000)]
    public int GraphRequestsPerCall { get; set; } = 100;

    /// <summary>Calls whose SIP messages and Graph requests are remembered; the oldest are forgotten first.</summary>
    [Range(1, 1_000_000)]
    public int CallsRemembered { get; set; } = 1000;
}
