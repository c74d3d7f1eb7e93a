using Hark.Calls.Simulation;
using Hark.Media.Wav;

namespace Hark.Calls.Tests.Simulation;

public sealed class HeardAudioTests
{
    [Fact]
    public void Append_PastMaxSamples_KeepsTheStartAndCountsTheRest()
    {
        var engine = new VirtualCallerEngine(new SimulatorScript([]));
        engine.HeardSamples.MaxSamples = 8000;

        _ = new SimulatorRun(engine, new short[20000], 125);

        Assert.Equal(8000, engine.HeardSamples.Length);
        Assert.Equal(12000, engine.HeardSamples.Dropped);
    }

    [Fact]
    public void WriteHeardWav_TwoAndAHalfSeconds_ReadsBackAt16kHzWithSameTone()
    {
        // 440 Hz at 8 kHz for 2.5 s crosses two chunk boundaries of the heard buffer.
        var heard = new short[20000];
        for (var n = 0; n < heard.Length; n++)
        {
            heard[n] = (short)Math.Round(8000 * Math.Sin(2 * Math.PI * 440 * n / 8000));
        }

        var engine = new VirtualCallerEngine(new SimulatorScript([]));
        _ = new SimulatorRun(engine, heard, 125);
        using var stream = new MemoryStream();

        engine.WriteHeardWav(stream);
        stream.Position = 0;
        var wav = WavReader.Read(stream);

        Assert.Equal(16000, wav.SampleRate);
        Assert.Equal(40000, wav.Samples.Length);

        // Away from the edges, the 16 kHz file holds the same sine at the same time.
        var maxError = 0.0;
        for (var m = 1000; m < 39000; m++)
        {
            var expected = 8000 * Math.Sin(2 * Math.PI * 440 * m / 16000);
            maxError = Math.Max(maxError, Math.Abs(wav.Samples[m] - expected));
        }

        Assert.InRange(maxError, 0, 80);
    }

    [Fact]
    public void CopyTo_AcrossChunks_ReturnsStoredSamples()
    {
        var engine = new VirtualCallerEngine(new SimulatorScript([]));
        var heard = new short[8800];
        for (var i = 0; i < heard.Length; i++)
        {
            heard[i] = (short)(i % 3000);
        }

        _ = new SimulatorRun(engine, heard, 55);
        var part = new short[500];

        var copied = engine.HeardSamples.CopyTo(7900, part);

        Assert.Equal(500, copied);
        Assert.Equal(heard[7900..8400], part);
        Assert.Equal(100, engine.HeardSamples.CopyTo(8700, part));
    }

    [Fact]
    public void WriteWav_NothingHeard_WritesEmptyWav()
    {
        var engine = new VirtualCallerEngine(new SimulatorScript([]));
        using var stream = new MemoryStream();

        engine.WriteHeardWav(stream);
        stream.Position = 0;

        Assert.Empty(WavReader.Read(stream).Samples);
    }
}
