using System.ComponentModel.DataAnnotations;

namespace Hark.Graph.Calls;

/// <summary>How Hark runs a call's lifecycle, bound from <c>Hark:Calls</c>.</summary>
public sealed class CallOptions
{
    public const string SectionName = "Hark:Calls";

    /// <summary>
    /// How long an incoming call rings while the application decides; then it is refused (SIP 480) and
    /// terminated with 480/8601. Graph's own limit is 15 seconds.
    /// </summary>
    [Range(1, 300)]
    public int AnswerTimeoutSeconds { get; set; } = 15;

    /// <summary>
    /// How long an established call lives without a keepAlive from the bot; then Hark hangs up and the call
    /// ends 408/8537, as in Graph (45 minutes). 0 keeps calls up without keepAlive.
    /// </summary>
    [Range(0, 7 * 24 * 3600)]
    public int KeepAliveTimeoutSeconds { get; set; } = 45 * 60;
}
