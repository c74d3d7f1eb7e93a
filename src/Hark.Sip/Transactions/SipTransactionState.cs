namespace Hark.Sip.Transactions;

/// <summary>States of the four §17 transaction machines (Accepted is RFC 6026's).</summary>
public enum SipTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}
