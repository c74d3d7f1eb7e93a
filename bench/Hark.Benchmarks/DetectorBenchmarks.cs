using BenchmarkDotNet.Attributes;
using Hark.Media.Dtmf;
using Hark.Media.Vad;

namespace Hark.Benchmarks;

/// <summary>VAD and DTMF detector cost per 20 ms 8 kHz frame of speech-like audio.</summary>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private readonly short[][] _frames = BenchmarkSignal.Frames(8000);
    private readonly EnergyVoiceActivityDetector _vad = new(8000);
    private readonly DtmfDetector _dtmf = new(8000);
    private int _frame;

    [Benchmark]
    public bool Vad() => _vad.Process(_frames[BenchmarkSignal.Next(ref _frame)]).IsSpeech;

    [Benchmark]
    public DtmfEventKind Dtmf() => _dtmf.Process(_frames[BenchmarkSignal.Next(ref _frame)]).Kind;
}
