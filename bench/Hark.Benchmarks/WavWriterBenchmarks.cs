using BenchmarkDotNet.Attributes;
using Hark.Media.Wav;

namespace Hark.Benchmarks;

/// <summary>WAV writer cost per 20 ms 16 kHz frame (320 samples) into a real file.</summary>
[MemoryDiagnoser]
public class WavWriterBenchmarks
{
    private readonly short[][] _frames = BenchmarkSignal.Frames(16000);
    private string _path = "";
    private WavWriter? _writer;
    private int _frame;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"hark-bench-{Environment.ProcessId}.wav");
        _writer = new WavWriter(_path, 16000);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer?.Dispose();
        File.Delete(_path);
    }

    [Benchmark]
    public long Write()
    {
        _writer!.Write(_frames[_frame++ % BenchmarkSignal.FrameCount]);
        return _writer.SamplesWritten;
    }
}
