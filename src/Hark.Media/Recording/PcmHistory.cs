namespace Hark.Media.Recording;

/// <summary>
/// The most recent samples of a stream, addressed by absolute position (samples since the stream began).
/// A recorder keeps this as pre-roll: when a detector confirms speech a few frames late and reports where
/// it began, the audio from that onset is still here. Allocates only in the constructor.
/// </summary>
public sealed class PcmHistory
{
    private readonly short[] _ring;

    /// <summary>Creates a history holding the last <paramref name="capacity"/> samples.</summary>
    public PcmHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new short[capacity];
    }

    /// <summary>How many samples are kept.</summary>
    public int Capacity => _ring.Length;

    /// <summary>Absolute position just after the newest sample (= samples appended so far).</summary>
    public long End { get; private set; }

    /// <summary>Absolute position of the oldest sample still held.</summary>
    public long Start => Math.Max(0, End - _ring.Length);

    /// <summary>Appends samples; the oldest ones fall out once the capacity is reached.</summary>
    public void Append(ReadOnlySpan<short> samples)
    {
        if (samples.Length > _ring.Length)
        {
            End += samples.Length - _ring.Length;
            samples = samples[^_ring.Length..];
        }

        while (!samples.IsEmpty)
        {
            var at = (int)(End % _ring.Length);
            var count = Math.Min(_ring.Length - at, samples.Length);
            samples[..count].CopyTo(_ring.AsSpan(at));
            End += count;
            samples = samples[count..];
        }
    }

    /// <summary>
    /// Copies samples from absolute <paramref name="position"/> into <paramref name="destination"/>, as many
    /// as fit and are held; returns how many.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is older than <see cref="Start"/> or past <see cref="End"/>.</exception>
    public int Read(long position, Span<short> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, Start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, End);
        var total = (int)Math.Min(destination.Length, End - position);
        var copied = 0;
        while (copied < total)
        {
            var at = (int)((position + copied) % _ring.Length);
            var count = Math.Min(_ring.Length - at, total - copied);
            _ring.AsSpan(at, count).CopyTo(destination[copied..]);
            copied += count;
        }

        return total;
    }
}
