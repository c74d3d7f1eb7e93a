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

    /// <summary>
    /// Live calls (incoming and outgoing, ringing included) one application may have; beyond it a create gets 429 and
    /// an incoming call for it SIP 486 Busy Here. 0: no cap of its own (Hark:Calls:MaxConcurrent still bounds all calls).
    /// </summary>
    [Range(0, 100000)]
    public int MaxConcurrentPerApplication { get; set; }

    /// <summary>
    /// Tone notifications (subscribeToTone) one call may send per second, with a burst of as many; key presses beyond
    /// it are dropped and counted, never queued, so a flood of DTMF cannot hold up the call or the outbox.
    /// </summary>
    [Range(1, 1000)]
    public int ToneNotificationsPerSecond { get; set; } = 10;
}
