namespace Hark.Rtp.Tests;

/// <summary>A <see cref="Random"/> that returns queued values, to pin an RtpSender's random starts.</summary>
internal sealed class QueuedRandom(params long[] values) : Random
{
    private readonly Queue<long> _values = new(values);

    public override int Next(int minValue, int maxValue) => (int)_values.Dequeue();

    public override long NextInt64(long minValue, long maxValue) => _values.Dequeue();
}
