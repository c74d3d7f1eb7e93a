using System.Collections.Concurrent;
using System.Net;
using Hark.Calls.Lifecycle;
using Hark.Sip.Messages;

namespace Hark.Telephony;

/// <summary>
/// The SIP messages of recent calls, summarised (method or status, direction, time), for the operator's call
/// timeline. Bounded: at most <see cref="MaxMessagesPerCall"/> per SIP Call-ID (later ones are counted, not kept)
/// and <see cref="MaxCalls"/> Call-IDs (the oldest forgotten first). OPTIONS (health probes, keep-alives) is not kept.
/// </summary>
public sealed class SipMessageLog
{
    private readonly ConcurrentDictionary<string, Trail> _trails = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly ConcurrentDictionary<string, string> _sipCallIdByCall = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public SipMessageLog(int maxMessagesPerCall, int maxCalls, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMessagesPerCall);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCalls);
        MaxMessagesPerCall = maxMessagesPerCall;
        MaxCalls = maxCalls;
        _time = time;
    }

    public int MaxMessagesPerCall { get; }

    public int MaxCalls { get; }

    /// <summary>Calls whose SIP Call-ID is known (bounded by <see cref="MaxCalls"/> with the trails).</summary>
    internal int LinkedCalls => _sipCallIdByCall.Count;

    /// <summary>Ties a call's SIP transport to Hark's call id; other transports (virtual calls) are ignored.</summary>
    public void Link(ICallTransport transport, string callId)
    {
        if (transport is SipCallTransport sip)
        {
            Link(sip.CallId, callId);
        }
    }

    internal void Link(string sipCallId, string callId)
    {
        // Through the trail, so the link is forgotten with it.
        _trails.GetOrAdd(sipCallId, static (id, log) => log.Begin(id), this).CallId = callId;
        _sipCallIdByCall[callId] = sipCallId;
    }

    /// <summary>The call's messages in order, and how many more there were than were kept.</summary>
    public (IReadOnlyList<SipMessageSummary> Messages, int Dropped) Read(string callId)
    {
        if (!_sipCallIdByCall.TryGetValue(callId, out var sipCallId) || !_trails.TryGetValue(sipCallId, out var trail))
        {
            return ([], 0);
        }

        lock (trail)
        {
            return ([.. trail.Messages], trail.Dropped);
        }
    }

    internal void Record(SipMessage message, string direction, IPEndPoint peer)
    {
        var method = message.IsRequest ? message.Method : message.CSeq.Method;
        if (MaxMessagesPerCall == 0 || method == SipMethods.Options || string.IsNullOrEmpty(message.CallId))
        {
            return;
        }

        var trail = _trails.GetOrAdd(message.CallId, static (id, log) => log.Begin(id), this);
        lock (trail)
        {
            if (trail.Messages.Count >= MaxMessagesPerCall)
            {
                trail.Dropped++;
                return;
            }

            var summary = message.IsRequest ? message.Method : $"{message.StatusCode} {message.ReasonPhrase} ({method})";
            trail.Messages.Add(new SipMessageSummary(_time.GetUtcNow(), direction, summary, peer.ToString()));
        }
    }

    private Trail Begin(string sipCallId)
    {
        _order.Enqueue(sipCallId);
        while (_order.Count > MaxCalls && _order.TryDequeue(out var oldest))
        {
            if (_trails.TryRemove(oldest, out var gone) && gone.CallId is { } callId)
            {
                _sipCallIdByCall.TryRemove(new KeyValuePair<string, string>(callId, oldest));
            }
        }

        return new Trail();
    }

    private sealed class Trail
    {
        public List<SipMessageSummary> Messages { get; } = [];

        public int Dropped { get; set; }

        public string? CallId { get; set; }
    }
}
