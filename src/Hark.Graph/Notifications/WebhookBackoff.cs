namespace Hark.Graph.Notifications;

/// <summary>How long a notification waits after a failed attempt.</summary>
internal static class WebhookBackoff
{
    /// <summary>Share of the delay that jitter may take off, so retries of many calls spread out.</summary>
    private const double JitterShare = 0.1;

    /// <summary>
    /// <paramref name="initial"/> × 2^(attempts − 1), capped at <paramref name="max"/>, less up to 10 % as
    /// chosen by <paramref name="random"/> in [0, 1): the jitter never pushes a delay past the cap.
    /// </summary>
    public static TimeSpan Delay(int attempts, TimeSpan initial, TimeSpan max, double random)
    {
        // Doubles, not shifts: after 63 failures a long would overflow; the cap applies first.
        var ticks = Math.Min(initial.Ticks * Math.Pow(2, Math.Max(attempts, 1) - 1), max.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (1 - (JitterShare * Math.Clamp(random, 0, 1)))));
    }
}
