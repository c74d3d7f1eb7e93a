namespace Hark.Rtp;

/// <summary>When a call's keys are looked for in its audio (<see cref="RtpOptions.InBandDtmf"/>).</summary>
public enum InBandDtmf
{
    /// <summary>Only when the call did not negotiate telephone-event (RFC 4733).</summary>
    Auto,

    /// <summary>On every call, until its first RFC 4733 event.</summary>
    Always,
}
