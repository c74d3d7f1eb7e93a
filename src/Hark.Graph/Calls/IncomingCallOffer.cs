namespace Hark.Graph.Calls;

/// <summary>A call arriving at Hark (a SIP INVITE, or the virtual caller).</summary>
/// <param name="From">The caller's number or SIP user part.</param>
/// <param name="To">The number dialled; routed by <c>Hark:Applications:N:Numbers</c>.</param>
/// <param name="BaseUrl">Base for URLs handed out for the call until the bot's answer names its own.</param>
/// <param name="ApplicationId">Ring this application instead of routing <paramref name="To"/> (virtual caller default).</param>
public sealed record IncomingCallOffer(string From, string To, string BaseUrl, string? ApplicationId = null);
