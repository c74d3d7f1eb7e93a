using Hark.Media.Resampling;
using Hark.Media.Wav;

namespace Hark.Media.Recording;

/// <summary>
/// Writes a recording as PCM16 mono WAV at <see cref="OutputRate"/> from audio arriving at
/// <see cref="InputRate"/>, time-aligned: output sample <c>i</c> is the input at time
/// <c>i / OutputRate</c>, so a cut decided in input samples (a stop tone's onset, the end of trailing
/// silence) lands on the same instant in the file. The resampler's group delay is removed by dropping
/// its first <see cref="Resampler.DelaySamples"/> outputs and, at <see cref="Complete"/>, pushing its
/// tail out with zeros. Audio goes straight through to the <see cref="WavWriter"/> (a quarter second buffered:
/// 8 KB at 16 kHz, a dozen frames per write), so memory stays small and bounded however long the recording runs,
/// and a crash loses at most that; the cut happens at the end by truncating the file.
/// </summary>
/// <remarks>Nothing is allocated per <see cref="Append"/> call. Not thread-safe.</remarks>
public sealed class RecordingWriter : IDisposable
{
    private const int ChunkSamples = 320;

    // Per open recording: a thousand calls recording hold 8 MB of it, not the 32 MB of a second each.
    private static readonly TimeSpan Buffered = TimeSpan.FromMilliseconds(250);

    private readonly WavWriter _writer;
    private readonly Resampler _resampler;
    private readonly short[] _output;
    private readonly short[] _zeros = new short[ChunkSamples];
    private int _delayToDrop;
    private bool _completed;

    /// <summary>Starts a WAV at the stream's current position; the stream is disposed with the writer unless <paramref name="leaveOpen"/>.</summary>
    public RecordingWriter(Stream stream, int inputRate, int outputRate, bool leaveOpen = false)
    {
        _resampler = new Resampler(inputRate, outputRate);
        _writer = new WavWriter(stream, outputRate, leaveOpen, Buffered);
        _output = new short[_resampler.MaxOutputLength(ChunkSamples)];
        _delayToDrop = _resampler.DelaySamples;
    }

    /// <summary>Rate of the audio passed to <see cref="Append"/>, in Hz.</summary>
    public int InputRate => _resampler.InputRate;

    /// <summary>Rate of the WAV file, in Hz.</summary>
    public int OutputRate => _resampler.OutputRate;

    /// <summary>Input samples appended so far.</summary>
    public long InputSamples { get; private set; }

    /// <summary>Output samples in the file once <see cref="Complete"/> has run; before, those written so far.</summary>
    public long OutputSamples => _writer.SamplesWritten;

    /// <summary>The output length matching <paramref name="inputSamples"/> input samples (rounded down).</summary>
    public long ToOutputSamples(long inputSamples) => inputSamples * OutputRate / InputRate;

    /// <summary>Appends input audio.</summary>
    /// <exception cref="InvalidOperationException">After <see cref="Complete"/>.</exception>
    public void Append(ReadOnlySpan<short> input)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The recording is complete.");
        }

        InputSamples += input.Length;
        Convert(input);
    }

    /// <summary>
    /// Finishes the file holding exactly the first <paramref name="inputSamplesToKeep"/> input samples
    /// (at most all appended ones), flushed and with its header patched; returns its length in output samples.
    /// </summary>
    public long Complete(long inputSamplesToKeep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputSamplesToKeep);
        if (!_completed)
        {
            _completed = true;
            var needed = ToOutputSamples(InputSamples);
            for (var guard = 0; _writer.SamplesWritten < needed && guard < 64; guard++)
            {
                Convert(_zeros);
            }
        }

        _writer.Truncate(ToOutputSamples(Math.Min(inputSamplesToKeep, InputSamples)));
        return _writer.SamplesWritten;
    }

    /// <summary>Flushes and closes the file (and the stream unless it was left open).</summary>
    public void Dispose() => _writer.Dispose();

    private void Convert(ReadOnlySpan<short> input)
    {
        while (!input.IsEmpty)
        {
            var chunk = input[..Math.Min(input.Length, ChunkSamples)];
            var count = _resampler.Process(chunk, _output);
            var skip = Math.Min(count, _delayToDrop);
            _delayToDrop -= skip;
            _writer.Write(_output.AsSpan(skip, count - skip));
            input = input[chunk.Length..];
        }
    }
}
