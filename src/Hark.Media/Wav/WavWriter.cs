using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Hark.Media.Wav;

/// <summary>
/// Streams mono PCM16 into a WAV file whose header is valid at every moment: samples are buffered in
/// memory (one second by default, pooled) and each time the buffer goes to disk the data is written first and the
/// RIFF and data sizes are patched after, so the sizes never claim bytes that are not there and a file
/// cut by a crash still opens, holding everything up to the last buffer write.
/// </summary>
/// <remarks>Not thread-safe. <see cref="Flush"/> hands the data to the OS; it does not fsync.</remarks>
public sealed class WavWriter : IDisposable
{
    private const int HeaderSize = 44;
    private const int MaxSampleRate = 1_000_000;

    // RIFF sizes are 32-bit; the RIFF size field also counts the 36 header bytes after it.
    private const long MaxDataBytes = (uint.MaxValue - 36L) & ~1L;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _origin;
    private readonly int _capacity;
    private readonly byte[] _header = new byte[HeaderSize];
    private byte[]? _buffer;
    private int _buffered;
    private long _dataBytesOnDisk;

    /// <summary>Creates (or overwrites) <paramref name="path"/>; other processes may read it while it is written.</summary>
    public WavWriter(string path, int sampleRate)
        : this(OpenFile(path, sampleRate), sampleRate, leaveOpen: false)
    {
    }

    /// <summary>Writes at the current position of a seekable, writable stream, cutting off whatever follows.</summary>
    public WavWriter(Stream stream, int sampleRate, bool leaveOpen = false)
        : this(stream, sampleRate, leaveOpen, TimeSpan.FromSeconds(1))
    {
    }

    /// <summary>
    /// As above, buffering <paramref name="buffered"/> of audio (at least one sample) between writes: less memory per
    /// open file and less lost to a crash, for more writes.
    /// </summary>
    public WavWriter(Stream stream, int sampleRate, bool leaveOpen, TimeSpan buffered)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ValidateSampleRate(sampleRate);
        if (!stream.CanSeek || !stream.CanWrite)
        {
            throw new ArgumentException("The stream must be seekable and writable.", nameof(stream));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        _origin = stream.Position;
        SampleRate = sampleRate;
        _capacity = 2 * (int)Math.Max(1, Math.Min(sampleRate * buffered.TotalSeconds, sampleRate * 60.0));
        _buffer = ArrayPool<byte>.Shared.Rent(_capacity);
        try
        {
            // Drop anything already after the header, so the empty file cannot be mistaken for streamed audio.
            stream.SetLength(_origin + HeaderSize);
            FillHeader(sampleRate);
            WriteHeader();
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>Samples per second.</summary>
    public int SampleRate { get; }

    /// <summary>Samples accepted by <see cref="Write"/>, including those still buffered.</summary>
    public long SamplesWritten { get; private set; }

    /// <summary><see cref="SamplesWritten"/> as time.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(SamplesWritten * TimeSpan.TicksPerSecond / SampleRate);

    /// <summary>Appends samples. Copies into the buffer; touches the stream only when the buffer is full.</summary>
    /// <exception cref="InvalidOperationException">The file would pass the 4 GB RIFF limit.</exception>
    public void Write(ReadOnlySpan<short> samples)
    {
        var buffer = _buffer;
        ObjectDisposedException.ThrowIf(buffer is null, this);
        if (_dataBytesOnDisk + _buffered + (2L * samples.Length) > MaxDataBytes)
        {
            throw new InvalidOperationException("The WAV file would exceed the 4 GB RIFF size limit.");
        }

        while (!samples.IsEmpty)
        {
            var count = Math.Min((_capacity - _buffered) / 2, samples.Length);
            var dst = buffer.AsSpan(_buffered, 2 * count);
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.AsBytes(samples[..count]).CopyTo(dst);
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(dst[(2 * i)..], samples[i]);
                }
            }

            _buffered += 2 * count;
            SamplesWritten += count;
            samples = samples[count..];
            if (_buffered == _capacity)
            {
                WriteBuffer();
            }
        }
    }

    /// <summary>Writes buffered samples and the matching header, then flushes the stream.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        WriteBuffer();
        _stream.Flush();
    }

    /// <summary>
    /// Keeps only the first <paramref name="samplesToKeep"/> samples: the file is cut and its header
    /// patched. Never grows the file; a count at or above <see cref="SamplesWritten"/> just flushes.
    /// </summary>
    /// <remarks>The header is patched before the cut, so a crash in between leaves sizes that claim no missing bytes.</remarks>
    public void Truncate(long samplesToKeep)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        ArgumentOutOfRangeException.ThrowIfNegative(samplesToKeep);
        if (samplesToKeep >= SamplesWritten)
        {
            Flush();
            return;
        }

        var keepBytes = 2 * samplesToKeep;
        SamplesWritten = samplesToKeep;
        if (keepBytes >= _dataBytesOnDisk)
        {
            // The cut falls inside the buffer: drop its tail, nothing on disk changes but the append.
            _buffered = (int)(keepBytes - _dataBytesOnDisk);
            Flush();
            return;
        }

        _buffered = 0;
        _dataBytesOnDisk = keepBytes;
        WriteHeader();
        _stream.SetLength(_origin + HeaderSize + keepBytes);
        _stream.Flush();
    }

    /// <summary>Flushes, returns the buffer to the pool and closes the stream (unless leaveOpen).</summary>
    public void Dispose()
    {
        if (_buffer is null)
        {
            return;
        }

        try
        {
            WriteBuffer();
            _stream.Flush();
        }
        finally
        {
            Release();
        }
    }

    private static FileStream OpenFile(string path, int sampleRate)
    {
        ValidateSampleRate(sampleRate);

        // bufferSize 0: our own buffer batches writes, and each Write must reach the OS in order (data, then sizes).
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }

    private static void ValidateSampleRate(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, MaxSampleRate);
    }

    private void WriteBuffer()
    {
        if (_buffered == 0)
        {
            return;
        }

        // Data first, then the sizes: a crash in between leaves a header that claims less than the file holds.
        _stream.Position = _origin + HeaderSize + _dataBytesOnDisk;
        _stream.Write(_buffer!, 0, _buffered);
        _stream.Flush();
        _dataBytesOnDisk += _buffered;
        _buffered = 0;
        WriteHeader();
    }

    private void WriteHeader()
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), (uint)(36 + _dataBytesOnDisk));
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(40), (uint)_dataBytesOnDisk);
        _stream.Position = _origin;
        _stream.Write(_header, 0, HeaderSize);
        _stream.Flush();
    }

    private void Release()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void FillHeader(int sampleRate)
    {
        var h = _header.AsSpan();
        "RIFF"u8.CopyTo(h);
        "WAVE"u8.CopyTo(h[8..]);
        "fmt "u8.CopyTo(h[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(h[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(h[22..], 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[28..], (uint)sampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h[34..], 16);
        "data"u8.CopyTo(h[36..]);
    }
}
