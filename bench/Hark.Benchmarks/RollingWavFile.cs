using Hark.Media.Wav;

namespace Hark.Benchmarks;

/// <summary>
/// A WAV writer on a temporary file that starts a new file every 10 minutes of audio, so millions of
/// benchmark iterations never reach the RIFF 4 GB limit. The reopen cost is amortised into the
/// measurement, as a new recording's file would be.
/// </summary>
internal sealed class RollingWavFile : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"hark-bench-{Guid.NewGuid():N}.wav");
    private readonly int _sampleRate;
    private WavWriter _writer;

    public RollingWavFile(int sampleRate)
    {
        _sampleRate = sampleRate;
        _writer = new WavWriter(_path, sampleRate);
    }

    public long SamplesWritten => _writer.SamplesWritten;

    public void Write(ReadOnlySpan<short> samples)
    {
        if (_writer.SamplesWritten >= _sampleRate * 600L)
        {
            _writer.Dispose();
            _writer = new WavWriter(_path, _sampleRate);
        }

        _writer.Write(samples);
    }

    public void Dispose()
    {
        _writer.Dispose();
        File.Delete(_path);
    }
}
