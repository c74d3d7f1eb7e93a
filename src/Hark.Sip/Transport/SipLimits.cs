using System.ComponentModel.DataAnnotations;

namespace Hark.Sip.Transport;

/// <summary>
/// What one peer, or everyone together, may hold of the SIP edge before Hark refuses more (<c>Hark:Sip:Limits</c>).
/// The defaults let a trunk or proxy carry hundreds of calls from one address while no unauthenticated sender
/// can exhaust descriptors, memory or the transaction table.
/// </summary>
public sealed class SipLimits
{
    public static SipLimits Default { get; } = new();

    /// <summary>TCP connections open at once, inbound and outbound; more inbound ones are closed on accept.</summary>
    [Range(1, 1_000_000)]
    public int MaxTcpConnections { get; set; } = 1024;

    /// <summary>Inbound TCP connections from one IP address at once.</summary>
    [Range(1, 1_000_000)]
    public int MaxTcpConnectionsPerAddress { get; set; } = 32;

    /// <summary>Seconds a TCP connection may carry nothing before it is closed.</summary>
    [Range(1, 86_400)]
    public int TcpIdleTimeoutSeconds { get; set; } = 300;

    /// <summary>Seconds an inbound connection has to deliver its first complete message, and any started message to finish.</summary>
    [Range(1, 3_600)]
    public int TcpMessageTimeoutSeconds { get; set; } = 10;

    /// <summary>Milliseconds the listener stops accepting after the process ran out of descriptors (EMFILE/ENFILE).</summary>
    [Range(1, 60_000)]
    public int AcceptBackOffMilliseconds { get; set; } = 500;

    /// <summary>
    /// Descriptors always left free for everything but new inbound SIP TCP connections (the .NET runtime starting a
    /// thread, RTP sockets, SQLite, HTTP): a connection accepted with fewer left is closed at once. At most a quarter of
    /// the limit is kept, so a small limit still leaves SIP TCP room. 0 turns the check off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int DescriptorReserve { get; set; } = 256;

    /// <summary>Requests per second one IP address may send, sustained (UDP and TCP together); more are dropped.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerSecondPerAddress { get; set; } = 200;

    /// <summary>Requests one IP address may send in a burst above the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int RequestBurstPerAddress { get; set; } = 1000;

    /// <summary>Server transactions alive at once; a new request beyond it is answered 503 with Retry-After.</summary>
    [Range(1, 1_000_000)]
    public int MaxServerTransactions { get; set; } = 4096;

    /// <summary>Seconds a 503 for a full transaction table asks the sender to wait (Retry-After).</summary>
    [Range(1, 3_600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Source addresses whose request rate is tracked; the oldest idle ones are forgotten beyond it.</summary>
    [Range(16, 10_000_000)]
    public int MaxTrackedAddresses { get; set; } = 65_536;

    internal TimeSpan TcpIdleTimeout => TimeSpan.FromSeconds(TcpIdleTimeoutSeconds);

    internal TimeSpan TcpMessageTimeout => TimeSpan.FromSeconds(TcpMessageTimeoutSeconds);

    internal TimeSpan AcceptBackOff => TimeSpan.FromMilliseconds(AcceptBackOffMilliseconds);

    /// <summary>Throws when a value is out of its range (for callers that do not validate options).</summary>
    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
