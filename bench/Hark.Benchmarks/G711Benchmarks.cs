using BenchmarkDotNet.Attributes;
using Hark.Media.Codecs;

namespace Hark.Benchmarks;

/// <summary>G.711 cost per 20 ms 8 kHz frame (160 samples).</summary>
[MemoryDiagnoser]
public class G711Benchmarks
{
    private readonly byte[][] _encoded = BenchmarkSignal.MuLawFrames();
    private readonly short[][] _pcm = BenchmarkSignal.Frames(8000);
    private readonly short[] _decoded = new short[160];
    private readonly byte[] _bytes = new byte[160];
    private int _frame;

    [Benchmark]
    public short MuLawDecode()
    {
        MuLaw.Decode(_encoded[BenchmarkSignal.Next(ref _frame)], _decoded);
        return _decoded[0];
    }

    [Benchmark]
    public byte MuLawEncode()
    {
        MuLaw.Encode(_pcm[BenchmarkSignal.Next(ref _frame)], _bytes);
        return _bytes[0];
    }

    [Benchmark]
    public short ALawDecode()
    {
        ALaw.Decode(_encoded[BenchmarkSignal.Next(ref _frame)], _decoded);
        return _decoded[0];
    }
}
