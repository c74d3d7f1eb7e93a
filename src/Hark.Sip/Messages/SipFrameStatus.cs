namespace Hark.Sip.Messages;

/// <summary>Outcome of <see cref="SipStreamFramer.TryFrame"/>.</summary>
public enum SipFrameStatus
{
    Incomplete,
    Complete,
    Invalid,

    /// <summary>The buffer holds only CRLF keep-alives; drop that many octets.</summary>
    KeepAlive,
}
