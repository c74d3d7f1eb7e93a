using System.Net;
using Hark.Sip.Messages;
using Hark.Sip.Transport;

namespace Hark.Telephony;

/// <summary>
/// A SIP transport as the transaction layer sees it: every message read or sent is counted
/// (<see cref="SipMetrics"/>) and, when a <see cref="SipMessageLog"/> is given, summarised for the call's timeline.
/// Requests are sent as bytes, so they are parsed again here; SIP's rate is a few messages per call.
/// </summary>
internal sealed class ObservedSipTransport(ISipTransport inner, SipMessageLog? log) : ISipTransport, ISipTransportSink
{
    private ISipTransportSink? _sink;

    public SipTransportKind Kind => inner.Kind;

    public bool IsReliable => inner.IsReliable;

    public IPEndPoint LocalEndPoint => inner.LocalEndPoint;

    public void Start(ISipTransportSink sink)
    {
        _sink = sink;
        inner.Start(this);
    }

    public void OnMessage(ISipTransport transport, SipMessage message, IPEndPoint source)
    {
        SipMetrics.Received(message);
        log?.Record(message, "in", source);

        // The transaction layer answers through this transport, so what it sends is seen too.
        _sink!.OnMessage(this, message, source);
    }

    public ValueTask SendRequestAsync(ReadOnlyMemory<byte> message, IPEndPoint target, CancellationToken cancellationToken = default)
    {
        if (SipMessage.TryParse(message.Span, IsReliable ? SipFraming.Stream : SipFraming.Datagram, out var request, out _))
        {
            SipMetrics.Sent(request);
            log?.Record(request, "out", target);
        }

        return inner.SendRequestAsync(message, target, cancellationToken);
    }

    public ValueTask SendResponseAsync(SipMessage response, ReadOnlyMemory<byte> message, IPEndPoint requestSource, CancellationToken cancellationToken = default)
    {
        SipMetrics.Sent(response);
        log?.Record(response, "out", requestSource);
        return inner.SendResponseAsync(response, message, requestSource, cancellationToken);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
