using BenchmarkDotNet.Attributes;

namespace Hark.Benchmarks;

/// <summary>WAV writer cost per 20 ms 16 kHz frame (320 samples) into a real file.</summary>
[MemoryDiagnoser]
public class WavWriterBenchmarks
{
    private readonly short[][] _frames = BenchmarkSignal.Frames(16000);
    private RollingWavFile? _file;
    private int _frame;

    /// <summary>True: a real file in the temp folder; false: Hark's work only, the bytes are discarded.</summary>
    [Params(true, false)]
    public bool ToDisk { get; set; }

    [GlobalSetup]
    public void Setup() => _file = new RollingWavFile(16000, ToDisk);

    [GlobalCleanup]
    public void Cleanup() => _file?.Dispose();

    [Benchmark]
    public long Write()
    {
        _file!.Write(_frames[BenchmarkSignal.Next(ref _frame)]);
        return _file.SamplesWritten;
    }
}
