using Hark.Sip.Messages;
using Hark.Sip.Transactions;

namespace Hark.Sip.Dialogs;

/// <summary>What an INVITE session needs to know about Hark's own end: its Contact, its Via sent-by and the timer base.</summary>
public sealed record SipSessionSettings
{
    /// <summary>Hark's Contact URI (the public address when behind NAT); peers send in-dialog requests here.</summary>
    public required SipUri Contact { get; init; }

    /// <summary>The Via sent-by host of requests Hark sends.</summary>
    public required string ViaHost { get; init; }

    /// <summary>The Via sent-by port; null leaves it to the transport default.</summary>
    public int? ViaPort { get; init; }

    /// <summary>The Via transport token (UDP, TCP).</summary>
    public string ViaTransport { get; init; } = "UDP";

    /// <summary>When set, a User-Agent header on requests and a Server header on responses.</summary>
    public string? UserAgent { get; init; }

    public SipTimerSettings Timers { get; init; } = SipTimerSettings.Default;
}
