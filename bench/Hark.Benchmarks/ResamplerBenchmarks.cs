using BenchmarkDotNet.Attributes;
using Hark.Media.Resampling;

namespace Hark.Benchmarks;

/// <summary>Resampler cost per 20 ms frame on the two telephone paths.</summary>
[MemoryDiagnoser]
public class ResamplerBenchmarks
{
    private readonly short[][] _narrow = BenchmarkSignal.Frames(8000);
    private readonly short[][] _wide = BenchmarkSignal.Frames(16000);
    private readonly Resampler _up = new(8000, 16000);
    private readonly Resampler _down = new(16000, 8000);
    private readonly short[] _output = new short[1024];
    private int _frame;

    [Benchmark]
    public int Upsample8kTo16k() => _up.Process(_narrow[BenchmarkSignal.Next(ref _frame)], _output);

    [Benchmark]
    public int Downsample16kTo8k() => _down.Process(_wide[BenchmarkSignal.Next(ref _frame)], _output);
}
