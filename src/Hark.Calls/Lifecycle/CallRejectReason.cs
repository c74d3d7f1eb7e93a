namespace Hark.Calls.Lifecycle;

/// <summary>Graph's reject <c>reason</c>; the transport maps it to a SIP final response.</summary>
public enum CallRejectReason
{
    /// <summary>No reason given (SIP 603 Decline).</summary>
    None,

    /// <summary>SIP 486 Busy Here.</summary>
    Busy,

    /// <summary>SIP 403 Forbidden.</summary>
    Forbidden,
}
