using System.ComponentModel.DataAnnotations;

namespace Hark.Graph.Notifications;

/// <summary>Webhook delivery settings, bound from <c>Hark:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Hark:Webhooks";

    /// <summary>How long one POST may take, connecting included; longer counts as a failed attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per notification before it is abandoned and the call's next one may go.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// POSTs in flight at once, each for a different call. Sized for a few hundred live calls: when a burst of
    /// set-ups or stop tones finds every slot busy, notifications wait behind other calls' POSTs.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 128;

    /// <summary>Most notifications read from the outbox in one go.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 64;

    /// <summary>
    /// When Hark stops, POSTs already under way get this long to finish, so a receiver is not left with half
    /// a request; what is still unanswered then goes again on the next start.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(2);
}
