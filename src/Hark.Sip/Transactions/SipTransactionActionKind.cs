namespace Hark.Sip.Transactions;

/// <summary>What a transaction asks its owner to do.</summary>
public enum SipTransactionActionKind
{
    /// <summary>Send <see cref="SipTransactionAction.Bytes"/> (the encoding of <see cref="SipTransactionAction.Message"/>) to the peer.</summary>
    Send,

    /// <summary>Start (or restart) <see cref="SipTransactionAction.Timer"/> to fire after <see cref="SipTransactionAction.Delay"/>.</summary>
    StartTimer,

    /// <summary>Cancel <see cref="SipTransactionAction.Timer"/>.</summary>
    StopTimer,

    /// <summary>Pass <see cref="SipTransactionAction.Message"/> up to the transaction user.</summary>
    DeliverToUser,

    /// <summary>Tell the transaction user the transaction timed out (timer B, F or H).</summary>
    Timeout,

    /// <summary>Tell the transaction user the transport failed.</summary>
    TransportError,

    /// <summary>The transaction is over: drop it from the table and cancel its timers.</summary>
    Terminated,
}
