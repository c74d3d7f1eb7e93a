using Hark.Media.Recording;

namespace Hark.Calls.Simulation;

/// <summary>
/// Everything the virtual caller heard, as mono PCM16 in one-second chunks, so recording never
/// copies what is already stored and allocates only when a chunk fills.
/// </summary>
/// <remarks>Not thread-safe: read it from the thread that steps the engine, or under the same lock.</remarks>
public sealed class HeardAudio
{
    private readonly List<short[]> _chunks = [];
    private readonly int _chunkSize;

    internal HeardAudio(int sampleRate)
    {
        SampleRate = sampleRate;
        _chunkSize = sampleRate;
    }

    /// <summary>Sample rate of the stored audio (the engine's).</summary>
    public int SampleRate { get; }

    /// <summary>Samples stored.</summary>
    public long Length { get; private set; }

    /// <summary>Most samples kept (the start of the call); later audio is counted in <see cref="Dropped"/>, not stored.</summary>
    public long MaxSamples { get; set; } = long.MaxValue;

    /// <summary>Samples heard past <see cref="MaxSamples"/> and not kept.</summary>
    public long Dropped { get; private set; }

    /// <summary>Copies every stored sample into a new array.</summary>
    public short[] ToArray()
    {
        var result = new short[checked((int)Length)];
        CopyTo(0, result);
        return result;
    }

    /// <summary>Copies samples from <paramref name="start"/> into <paramref name="destination"/> (up to its length or the end); returns how many.</summary>
    public int CopyTo(long start, Span<short> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        var copied = 0;
        var position = start;
        while (copied < destination.Length && position < Length)
        {
            var chunk = _chunks[(int)(position / _chunkSize)];
            var offset = (int)(position % _chunkSize);
            var count = (int)Math.Min(Math.Min(_chunkSize - offset, destination.Length - copied), Length - position);
            chunk.AsSpan(offset, count).CopyTo(destination[copied..]);
            copied += count;
            position += count;
        }

        return copied;
    }

    /// <summary>
    /// Writes the audio as a mono PCM16 WAV at <paramref name="outputRate"/> (Hark serves 16 kHz) to a
    /// seekable stream, compensating the resampler's delay so the file is time-aligned and
    /// Length * outputRate / SampleRate samples long.
    /// </summary>
    public void WriteWav(Stream stream, int outputRate)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new RecordingWriter(stream, SampleRate, outputRate, leaveOpen: true);
        var remaining = Length;
        foreach (var chunk in _chunks)
        {
            var count = (int)Math.Min(remaining, chunk.Length);
            writer.Append(chunk.AsSpan(0, count));
            remaining -= count;
        }

        writer.Complete(Length);
    }

    internal void Append(ReadOnlySpan<short> samples)
    {
        if (Length + samples.Length > MaxSamples)
        {
            var kept = (int)Math.Max(0, MaxSamples - Length);
            Dropped += samples.Length - kept;
            samples = samples[..kept];
        }

        while (!samples.IsEmpty)
        {
            var offset = (int)(Length % _chunkSize);
            if (offset == 0 && _chunks.Count * (long)_chunkSize == Length)
            {
                _chunks.Add(new short[_chunkSize]);
            }

            var count = Math.Min(samples.Length, _chunkSize - offset);
            samples[..count].CopyTo(_chunks[^1].AsSpan(offset));
            Length += count;
            samples = samples[count..];
        }
    }
}
