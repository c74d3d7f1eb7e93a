namespace Hark.Sip.Dialogs;

/// <summary>What an INVITE session asks its owner to do; the owner runs the transactions and transports.</summary>
public enum SipSessionActionKind
{
    /// <summary>
    /// Send <see cref="SipSessionAction.Message"/>, a response, through the server transaction of the request it answers
    /// (or straight to the transport when that transaction is gone, as for 2xx retransmissions after timer L).
    /// </summary>
    SendResponse,

    /// <summary>
    /// Send <see cref="SipSessionAction.Message"/>, a request: an ACK goes straight to the transport; anything else
    /// starts a new client transaction whose responses come back through <c>OnResponse</c>.
    /// </summary>
    SendRequest,

    /// <summary>Start (or restart) <see cref="SipSessionAction.Timer"/> to fire after <see cref="SipSessionAction.Delay"/>.</summary>
    StartTimer,

    /// <summary>Cancel <see cref="SipSessionAction.Timer"/>.</summary>
    StopTimer,

    /// <summary>Tell the owner about <see cref="SipSessionAction.Event"/>.</summary>
    Report,
}
