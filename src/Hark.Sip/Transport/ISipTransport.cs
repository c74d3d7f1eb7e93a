using System.Net;
using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>One listening SIP transport (UDP or TCP) on a local address and port.</summary>
public interface ISipTransport : IAsyncDisposable
{
    SipTransportKind Kind { get; }

    /// <summary>True for TCP: transactions then skip retransmission timers.</summary>
    bool IsReliable { get; }

    /// <summary>The bound address and port (the real port when 0 was asked for).</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Starts the receive loop(s); messages go to <paramref name="sink"/>.</summary>
    void Start(ISipTransportSink sink);

    /// <summary>Sends an encoded request to <paramref name="target"/> (TCP opens or reuses a connection).</summary>
    ValueTask SendRequestAsync(ReadOnlyMemory<byte> message, IPEndPoint target, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends an encoded response for a request that came from <paramref name="requestSource"/>: over UDP to the
    /// top Via's received/rport or sent-by (RFC 3261 §18.2.2, RFC 3581 §4), over TCP on the request's connection.
    /// </summary>
    ValueTask SendResponseAsync(SipMessage response, ReadOnlyMemory<byte> message, IPEndPoint requestSource, CancellationToken cancellationToken = default);
}
