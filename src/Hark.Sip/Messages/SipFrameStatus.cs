namespace Hark.Sip.Messages;

/// <summary>Outcome of <see cref="SipStreamFramer.TryFrame"/>.</summary>
public enum SipFrameStatus
{
    Incomplete,
    Complete,
    Invalid,
}
