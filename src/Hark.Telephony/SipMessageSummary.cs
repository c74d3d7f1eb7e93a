namespace Hark.Telephony;

/// <summary>One SIP message of a call as the operator's timeline shows it.</summary>
/// <param name="At">When it was read or handed to the transport.</param>
/// <param name="Direction">in (from the peer) or out (from Hark).</param>
/// <param name="Summary">The method (<c>INVITE</c>) or the status and the method it answers (<c>200 OK (INVITE)</c>).</param>
/// <param name="Peer">The peer's address and port.</param>
public sealed record SipMessageSummary(DateTimeOffset At, string Direction, string Summary, string Peer);
