namespace Hark.Sip.Transactions;

/// <summary>The RFC 3261 §17 timers (L and M from RFC 6026) and the 200 ms 100-Trying timer of §17.2.1.</summary>
public enum SipTimer
{
    A,
    B,
    D,
    E,
    F,
    G,
    H,
    I,
    J,
    K,
    L,
    M,
    Trying,
}
