using BenchmarkDotNet.Attributes;
using Hark.Media.Codecs;
using Hark.Media.Dtmf;
using Hark.Media.Resampling;
using Hark.Media.Vad;

namespace Hark.Benchmarks;

/// <summary>
/// The whole inbound chain a recording call runs on each 20 ms 8 kHz G.711 frame:
/// decode, DTMF detection, voice activity detection, 8→16 kHz resampling, WAV write.
/// </summary>
[MemoryDiagnoser]
public class ChainBenchmarks : RecordingFileBenchmark
{
    private readonly byte[][] _payloads = BenchmarkSignal.MuLawFrames();
    private readonly short[] _narrow = new short[160];
    private readonly short[] _wide = new short[400];
    private readonly DtmfDetector _dtmf = new(8000);
    private readonly EnergyVoiceActivityDetector _vad = new(8000);
    private readonly Resampler _resampler = new(8000, 16000);
    private int _frame;

    [Benchmark]
    public bool Frame()
    {
        MuLaw.Decode(_payloads[BenchmarkSignal.Next(ref _frame)], _narrow);
        var key = _dtmf.Process(_narrow);
        var voice = _vad.Process(_narrow);
        var count = _resampler.Process(_narrow, _wide);
        File.Write(_wide.AsSpan(0, count));
        return voice.IsSpeech && key.Kind == DtmfEventKind.None;
    }
}
