namespace Hark.Sip.Transport;

/// <summary>The transports Hark speaks SIP over.</summary>
public enum SipTransportKind
{
    /// <summary>Unreliable: transactions retransmit (RFC 3261 §17).</summary>
    Udp,

    /// <summary>Reliable and stream framed (RFC 3261 §18.3).</summary>
    Tcp,
}
