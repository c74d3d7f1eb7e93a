using BenchmarkDotNet.Attributes;

namespace Hark.Benchmarks;

/// <summary>WAV writer cost per 20 ms 16 kHz frame (320 samples) into a real file.</summary>
[MemoryDiagnoser]
public class WavWriterBenchmarks
{
    private readonly short[][] _frames = BenchmarkSignal.Frames(16000);
    private RollingWavFile? _file;
    private int _frame;

    [GlobalSetup]
    public void Setup() => _file = new RollingWavFile(16000);

    [GlobalCleanup]
    public void Cleanup() => _file?.Dispose();

    [Benchmark]
    public long Write()
    {
        _file!.Write(_frames[_frame++ % BenchmarkSignal.FrameCount]);
        return _file.SamplesWritten;
    }
}
