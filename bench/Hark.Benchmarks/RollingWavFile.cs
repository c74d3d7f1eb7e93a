using Hark.Media.Wav;

namespace Hark.Benchmarks;

/// <summary>
/// A WAV writer on a temporary file (or, with <c>toDisk: false</c>, on a <see cref="DiscardStream"/>)
/// that starts a new file every 10 minutes of audio, so millions of benchmark iterations never reach
/// the RIFF 4 GB limit. The reopen cost is amortised into the measurement, as a new recording's would be.
/// </summary>
internal sealed class RollingWavFile : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"hark-bench-{Guid.NewGuid():N}.wav");
    private readonly int _sampleRate;
    private readonly bool _toDisk;
    private WavWriter _writer;

    public RollingWavFile(int sampleRate, bool toDisk = true)
    {
        _sampleRate = sampleRate;
        _toDisk = toDisk;
        _writer = Open();
    }

    public long SamplesWritten => _writer.SamplesWritten;

    public void Write(ReadOnlySpan<short> samples)
    {
        if (_writer.SamplesWritten >= _sampleRate * 600L)
        {
            _writer.Dispose();
            _writer = Open();
        }

        _writer.Write(samples);
    }

    public void Dispose()
    {
        _writer.Dispose();
        File.Delete(_path);
    }

    private WavWriter Open() => _toDisk ? new WavWriter(_path, _sampleRate) : new WavWriter(new DiscardStream(), _sampleRate);
}
