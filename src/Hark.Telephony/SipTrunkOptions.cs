namespace Hark.Telephony;

/// <summary>The SIP trunk outgoing calls to phone numbers are sent through (<c>Hark:Sip:Trunk</c>).</summary>
public sealed class SipTrunkOptions
{
    /// <summary>The trunk, e.g. <c>sip:127.0.0.1:5090</c>; null: calls to numbers cannot be placed.</summary>
    public Uri? Uri { get; set; }

    /// <summary>Digest user name when the trunk challenges.</summary>
    public string? Username { get; set; }

    /// <summary>Digest password when the trunk challenges.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// The digest realm the trunk challenges with; null: the trunk's host. Credentials answer only a challenge
    /// for this realm, and only on calls sent to the trunk's host.
    /// </summary>
    public string? Realm { get; set; }
}
