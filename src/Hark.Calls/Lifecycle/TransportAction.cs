namespace Hark.Calls.Lifecycle;

/// <summary>What the signalling transport (SIP, or the virtual caller) must do.</summary>
public enum TransportAction
{
    /// <summary>Tell the caller it is ringing (SIP 180).</summary>
    SendRinging,

    /// <summary>Accept the offer and start media (SIP 200 OK with SDP).</summary>
    Accept,

    /// <summary>Refuse the offer with <see cref="TransportDecision.RejectReason"/> (SIP 603/486/403), or 480 on answer timeout.</summary>
    Reject,

    /// <summary>Place the outgoing call (SIP INVITE).</summary>
    Dial,

    /// <summary>End the call however its state allows (SIP BYE, or CANCEL while dialling).</summary>
    HangUp,

    /// <summary>Send the ringing caller to <see cref="TransportDecision.Targets"/> instead (SIP 302 with one Contact each).</summary>
    Redirect,

    /// <summary>Ask the far end to call <see cref="TransportDecision.Targets"/>[0] instead (a blind transfer: SIP REFER).</summary>
    Transfer,
}
