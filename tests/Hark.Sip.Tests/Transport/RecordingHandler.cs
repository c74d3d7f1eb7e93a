using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Hark.Sip.Messages;
using Hark.Sip.Transport;

namespace Hark.Sip.Tests.Transport;

/// <summary>A TU that records what it is given; <see cref="Answer"/> decides what it does with new requests.</summary>
internal sealed class RecordingHandler : ISipRequestHandler
{
    public Func<SipServerTransactionHandle, SipMessage, bool> Answer { get; set; } = (_, _) => false;

    public Action<SipServerTransactionHandle, SipMessage>? Cancelled { get; set; }

    public ConcurrentQueue<SipMessage> Requests { get; } = new();

    public Channel<SipMessage> RequestsSeen { get; } = Channel.CreateUnbounded<SipMessage>();

    public Channel<SipMessage> Acks { get; } = Channel.CreateUnbounded<SipMessage>();

    public Channel<(SipServerTransactionHandle Invite, SipMessage Cancel)> Cancels { get; } =
        Channel.CreateUnbounded<(SipServerTransactionHandle, SipMessage)>();

    public bool OnRequest(SipServerTransactionHandle transaction, SipMessage request)
    {
        Requests.Enqueue(request);
        var handled = Answer(transaction, request);
        RequestsSeen.Writer.TryWrite(request);
        return handled;
    }

    public void OnAck(SipMessage ack, ISipTransport transport, IPEndPoint source) => Acks.Writer.TryWrite(ack);

    public void OnCancel(SipServerTransactionHandle invite, SipMessage cancel)
    {
        Cancelled?.Invoke(invite, cancel);
        Cancels.Writer.TryWrite((invite, cancel));
    }

    /// <summary>Answers every request with <paramref name="status"/> (and a To tag for finals).</summary>
    public static bool Reply(SipServerTransactionHandle transaction, SipMessage request, int status)
    {
        transaction.Respond(SipResponses.CreateFrom(request, status, toTag: status >= 200 ? "uas1" : null));
        return true;
    }
}
