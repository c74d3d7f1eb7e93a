namespace Hark.Sip.Transactions;

/// <summary>The RFC 3261 timer base values (Table 4); defaults are the RFC's.</summary>
public sealed record SipTimerSettings
{
    public static SipTimerSettings Default { get; } = new();

    /// <summary>RTT estimate; the base of every retransmission interval.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest retransmission interval for non-INVITE requests and INVITE responses.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Longest time a message stays in the network.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an INVITE server transaction waits for the TU before sending 100 Trying itself.</summary>
    public TimeSpan TryingDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>64*T1: timers B, F, H, J, L and M.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Timer D on unreliable transports (at least 32 s).</summary>
    public TimeSpan TimerD => TimeSpan.FromSeconds(32) > TransactionTimeout ? TimeSpan.FromSeconds(32) : TransactionTimeout;
}
