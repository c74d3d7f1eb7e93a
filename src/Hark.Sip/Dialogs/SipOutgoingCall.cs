using Hark.Sip.Messages;

namespace Hark.Sip.Dialogs;

/// <summary>What an outgoing call needs: whom to call, as whom, through which proxy, with which SDP offer.</summary>
public sealed record SipOutgoingCall
{
    /// <summary>The Request-URI of the INVITE (for a trunk, the number at the trunk's host).</summary>
    public required SipUri RequestUri { get; init; }

    /// <summary>Hark's From address (a tag is added).</summary>
    public required SipNameAddress From { get; init; }

    /// <summary>The To address; usually the Request-URI.</summary>
    public required SipNameAddress To { get; init; }

    /// <summary>The SDP offer carried by the INVITE.</summary>
    public ReadOnlyMemory<byte> Offer { get; init; }

    /// <summary>An outbound proxy or trunk to route through (sent as a loose-routing Route; lr is added when missing).</summary>
    public SipUri? OutboundProxy { get; init; }

    /// <summary>Digest username for a 401/407 challenge; null sends no credentials.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>
    /// The only realm the credentials are given to (compared without regard to case). A challenge for any other
    /// realm is not answered, so a callee or a hop that is not the trunk cannot harvest a digest of the password.
    /// </summary>
    public string? Realm { get; init; }

    /// <summary>How long the call may go unanswered before Hark gives up with a CANCEL.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
