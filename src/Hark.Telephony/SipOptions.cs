using System.ComponentModel.DataAnnotations;
using Hark.Sip.Transport;

namespace Hark.Telephony;

/// <summary>Where Hark's SIP endpoint listens and how it reaches the outside, bound from <c>Hark:Sip</c>.</summary>
public sealed class SipOptions
{
    public const string SectionName = "Hark:Sip";

    /// <summary>Address the UDP and TCP listeners bind (loopback unless the operator opens it).</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>UDP and TCP port; 0 picks a free one (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5060;

    /// <summary>The address put into Contact and SDP when Hark is behind NAT; null: the listen address.</summary>
    public string? PublicAddress { get; set; }

    /// <summary>How long an outgoing call may ring before Hark gives up (CANCEL, then terminated 408/8603).</summary>
    [Range(1, 600)]
    public int RingTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// How long a blind transfer (POST transfer: a REFER) may take, from the REFER to the NOTIFY with the target's final
    /// answer, before Hark gives up and the call stays with the bot (the transfer fails 500/7000).
    /// </summary>
    [Range(5, 600)]
    public int TransferTimeoutSeconds { get; set; } = 90;

    /// <summary>Where outgoing calls to E.164 numbers go.</summary>
    public SipTrunkOptions Trunk { get; set; } = new();

    /// <summary>Caps on connections, request rates and transactions (<c>Hark:Sip:Limits</c>); see docs/configuration.md.</summary>
    public SipLimits Limits { get; set; } = new();
}
