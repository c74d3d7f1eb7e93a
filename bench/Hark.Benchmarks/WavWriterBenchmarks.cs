using BenchmarkDotNet.Attributes;

namespace Hark.Benchmarks;

/// <summary>WAV writer cost per 20 ms 16 kHz frame (320 samples), into a real file or discarded.</summary>
[MemoryDiagnoser]
public class WavWriterBenchmarks : RecordingFileBenchmark
{
    private readonly short[][] _frames = BenchmarkSignal.Frames(16000);
    private int _frame;

    [Benchmark]
    public long Write()
    {
        File.Write(_frames[BenchmarkSignal.Next(ref _frame)]);
        return File.SamplesWritten;
    }
}
