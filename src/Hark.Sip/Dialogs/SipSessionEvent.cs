namespace Hark.Sip.Dialogs;

/// <summary>What an INVITE session reports to its owner (the call layer).</summary>
public enum SipSessionEvent
{
    /// <summary>An outgoing call got 180 or 183; <see cref="SipSessionAction.Message"/> is the response (a 183 may carry early-media SDP).</summary>
    Ringing,

    /// <summary>An outgoing call got its 2xx and the ACK was sent; the message is the 2xx, its body the SDP answer.</summary>
    Answered,

    /// <summary>An incoming call's 2xx was acknowledged: the dialog is confirmed and media may flow; the message is the ACK.</summary>
    MediaConnected,

    /// <summary>The caller cancelled (CANCEL, or BYE on the early dialog) before the call was answered; 487 was sent.</summary>
    CancelledByCaller,

    /// <summary>The peer sent BYE; 200 was sent.</summary>
    RemoteHangUp,

    /// <summary>The BYE (or CANCEL) from <c>HangUp()</c> got a final response or timed out; the session is over.</summary>
    HangUpCompleted,

    /// <summary>No ACK came for Hark's 2xx within 64*T1; a BYE was sent to end the session (§13.3.1.4).</summary>
    AckTimeout,

    /// <summary>The peer sent a re-INVITE; the message carries its SDP. Answer with <c>AnswerReInvite</c> or <c>RejectReInvite</c>.</summary>
    ReInvite,

    /// <summary>The ACK for Hark's 2xx to a re-INVITE arrived; it carries the SDP answer when the re-INVITE had no offer.</summary>
    ReInviteAcknowledged,

    /// <summary>The peer sent a DTMF key in an INFO (application/dtmf-relay); <see cref="SipSessionAction.Detail"/> is the key.</summary>
    Key,

    /// <summary>The peer accepted Hark's REFER (2xx) and is calling the transfer target.</summary>
    TransferAccepted,

    /// <summary>The transfer target answered: a NOTIFY's sipfrag reported a 2xx.</summary>
    TransferSucceeded,

    /// <summary>
    /// The transfer failed: the REFER was refused or never answered, a NOTIFY's sipfrag reported 3xx–6xx, the subscription
    /// ended without a final status, or the transfer timed out. <see cref="SipSessionAction.StatusCode"/> is the failing status,
    /// <see cref="SipSessionAction.Detail"/> says what failed. The dialog goes on.
    /// </summary>
    TransferFailed,

    /// <summary>An outgoing call ended with 486 or 600.</summary>
    Busy,

    /// <summary>An outgoing call was not answered: 480, 408, or Hark's ring timeout.</summary>
    NoAnswer,

    /// <summary>An outgoing call was refused: 403, 603, 606, 607.</summary>
    Declined,

    /// <summary>An outgoing call failed any other way (404, other 3xx–6xx, no response at all, a challenge Hark could not answer).</summary>
    Unreachable,
}
