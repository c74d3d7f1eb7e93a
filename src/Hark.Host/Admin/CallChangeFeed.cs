using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Hark.Host.Admin;

/// <summary>
/// Tells the operator's live views which calls changed (a state, an operation, a recording, a notification's
/// delivery). Each subscriber has a small queue of call ids; a slow one loses the oldest ids, never blocks a call.
/// </summary>
internal sealed class CallChangeFeed
{
    private const int QueuedPerSubscriber = 256;

    private readonly ConcurrentDictionary<Channel<string>, byte> _subscribers = new();

    public int Subscribers => _subscribers.Count;

    public void Publish(string callId)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(callId);
        }
    }

    /// <summary>The ids of calls that change from now on, until <paramref name="cancellationToken"/> ends it.</summary>
    public ChannelReader<string> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(QueuedPerSubscriber)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _subscribers[channel] = 0;
        cancellationToken.Register(() =>
        {
            _subscribers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }
}
