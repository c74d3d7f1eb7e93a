namespace Hark.Sip.Dialogs;

/// <summary>The timers an INVITE session owns (the transaction timers stay with the transactions).</summary>
public enum SipSessionTimer
{
    /// <summary>Retransmit the unacknowledged 2xx to an INVITE: T1, doubling, capped at T2 (RFC 3261 §13.3.1.4).</summary>
    Retransmit2xx,

    /// <summary>64*T1 after a 2xx without its ACK: give up and end the session with a BYE (§13.3.1.4).</summary>
    AckTimeout,

    /// <summary>How long an outgoing call may ring before Hark gives up with a CANCEL.</summary>
    RingTimeout,

    /// <summary>64*T1 after a CANCEL without a final response to the INVITE: treat the INVITE as cancelled (§9.1).</summary>
    CancelTimeout,

    /// <summary>How long a blind transfer (REFER) may take before Hark gives up waiting for the final NOTIFY.</summary>
    TransferTimeout,
}
