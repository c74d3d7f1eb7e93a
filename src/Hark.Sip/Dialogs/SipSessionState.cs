namespace Hark.Sip.Dialogs;

/// <summary>Where an INVITE session stands.</summary>
public enum SipSessionState
{
    /// <summary>Outgoing: the INVITE is out and nothing has come back.</summary>
    Calling,

    /// <summary>Incoming: not yet answered. Outgoing: a provisional response arrived.</summary>
    Proceeding,

    /// <summary>Incoming: Hark's 2xx is out and its ACK has not arrived.</summary>
    Accepted,

    /// <summary>The dialog is confirmed; in-dialog requests flow both ways.</summary>
    Confirmed,

    /// <summary>A BYE or CANCEL is out and its outcome is awaited.</summary>
    Terminating,

    /// <summary>Over: the owner may drop the session (and its transactions).</summary>
    Terminated,
}
