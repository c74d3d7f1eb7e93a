using Hark.Calls.Simulation;
using Hark.Media.Dtmf;
using Hark.Media.Tones;
using Hark.Testing;

namespace Hark.Calls.Tests.Simulation;

public sealed class VirtualCallerEngineTests
{
    private const int Rate = 8000;

    [Fact]
    public void Step_PlayThenSilenceThenPlay_SamplesLandAtExactPositions()
    {
        var first = Ramp(500, 1);
        var second = Ramp(300, 1000);
        var engine = SimulatorRun.Engine(
            new PlayStep(first), new SilenceStep(TimeSpan.FromMilliseconds(50)), new PlayStep(second));

        var run = new SimulatorRun(engine, [], 10);

        Assert.Equal(first, run.Said[..500]);
        Assert.All(run.Said[500..900], s => Assert.Equal(0, s));
        Assert.Equal(second, run.Said[900..1200]);
        Assert.All(run.Said[1200..], s => Assert.Equal(0, s));
        var started = run.Events.Where(e => e.Kind == SimulatorEventKind.StepStarted).Select(e => e.Sample);
        var completed = run.Events.Where(e => e.Kind == SimulatorEventKind.StepCompleted).Select(e => e.Sample);
        Assert.Equal([0L, 500, 900], started);
        Assert.Equal([500L, 900, 1200], completed);
        Assert.Equal(1200, run.Single(SimulatorEventKind.ScriptFinished).Sample);
        Assert.Equal(SimulatorState.Finished, engine.State);
    }

    [Fact]
    public void Step_SilenceOfWholeFrames_EndsOnFrameBoundary()
    {
        var engine = SimulatorRun.Engine(new SilenceStep(TimeSpan.FromSeconds(1)), new PlayStep(Ramp(160, 5)));

        var run = new SimulatorRun(engine, [], 52);

        Assert.All(run.Said[..8000], s => Assert.Equal(0, s));
        Assert.Equal(Ramp(160, 5), run.Said[8000..8160]);
        Assert.Equal(8160, run.Single(SimulatorEventKind.ScriptFinished).Sample);
    }

    [Theory]
    [InlineData(DtmfKey.Digit5, 0)]
    [InlineData(DtmfKey.Pound, 730)]
    [InlineData(DtmfKey.D, 1601)]
    public void Step_InbandDtmf_DetectorFindsKeyAtOnset(DtmfKey key, int leadSamples)
    {
        var engine = SimulatorRun.Engine(
            new SilenceStep(TimeSpan.FromTicks(leadSamples * TimeSpan.TicksPerSecond / Rate)),
            new DtmfStep(key, DtmfMode.Inband, DtmfStep.DefaultDuration));

        var run = new SimulatorRun(engine, [], 30);

        var pressed = run.Single(SimulatorEventKind.KeyPressed);
        Assert.Equal((key, DtmfMode.Inband, (long)leadSamples), (pressed.Key, pressed.Mode, pressed.Sample));
        var downs = Detect(run.Said);
        var down = Assert.Single(downs);
        Assert.Equal(key, down.Key);
        // The detector's onset estimate is good to a few milliseconds; 3 ms either side.
        Assert.InRange(down.OnsetSample, leadSamples - 24, leadSamples + 24);
        Assert.InRange(down.DurationSamples, 800 - 80, 800 + 80);
    }

    [Fact]
    public void Step_InbandDtmf_EachToneNearMinus10Dbm0()
    {
        var engine = SimulatorRun.Engine(new DtmfStep(DtmfKey.Digit1, DtmfMode.Inband, TimeSpan.FromMilliseconds(200)));

        var run = new SimulatorRun(engine, [], 10);

        // Two equal sines of peak p have RMS p; -10 dBm0 per tone means p = 22706 / sqrt(10).
        var middle = run.Said.AsSpan(400, 800);
        var rms = Math.Sqrt(Sum(middle, static x => (double)x * x) / middle.Length);
        Assert.InRange(rms, 22706 / Math.Sqrt(10) * 0.97, 22706 / Math.Sqrt(10) * 1.03);
    }

    [Fact]
    public void Step_Rfc4733Dtmf_EmitsKeyAndSendsSilence()
    {
        var engine = SimulatorRun.Engine(
            new SilenceStep(TimeSpan.FromMilliseconds(35)),
            new DtmfStep(DtmfKey.Star, DtmfMode.Rfc4733, TimeSpan.FromMilliseconds(120)),
            new PlayStep(Ramp(10, 7)));

        var run = new SimulatorRun(engine, [], 20);

        var pressed = run.Single(SimulatorEventKind.KeyPressed);
        Assert.Equal((DtmfKey.Star, DtmfMode.Rfc4733, 280L), (pressed.Key, pressed.Mode, pressed.Sample));
        Assert.All(run.Said[..1240], s => Assert.Equal(0, s));
        Assert.Equal(Ramp(10, 7), run.Said[1240..1250]);
        Assert.Empty(Detect(run.Said));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1234)]
    [InlineData(5003)]
    public void Step_BeepHeard_WaitCompletesAndOnsetFound(int beepAt)
    {
        var heard = new short[beepAt + 8000];
        var beep = ToneGenerator.CreateBeep(Rate);
        beep.Read(heard.AsSpan(beepAt));
        var engine = SimulatorRun.Engine(
            new WaitForStep(WaitTarget.Beep, TimeSpan.FromSeconds(5)), new PlayStep(Ramp(100, 3)));

        var run = new SimulatorRun(engine, heard, (beepAt / 160) + 50);

        var onset = run.Single(SimulatorEventKind.BeepHeard).Sample;
        // The beep fades in over 8 ms; its onset is placed where it first reaches 5 % (about 1 ms in).
        Assert.InRange(onset, beepAt, beepAt + 16);
        var waited = run.Events.First(e => e.Kind == SimulatorEventKind.StepCompleted).Sample;
        Assert.InRange(waited, beepAt + 1200, beepAt + 1200 + 160);
        Assert.Equal(Ramp(100, 3), run.Said.AsSpan((int)waited, 100).ToArray());
        Assert.Equal(SimulatorState.Finished, engine.State);
    }

    [Fact]
    public void Step_BeepHeardAt16kHz_WaitCompletes()
    {
        var heard = new short[32000];
        ToneGenerator.CreateBeep(16000).Read(heard.AsSpan(7777));
        var engine = new VirtualCallerEngine(new SimulatorScript([new WaitForStep(WaitTarget.Beep, TimeSpan.FromSeconds(2))]), 16000);

        var run = new SimulatorRun(engine, heard, 100);

        Assert.InRange(run.Single(SimulatorEventKind.BeepHeard).Sample, 7777, 7777 + 32);
        Assert.Equal(SimulatorState.Finished, engine.State);
    }

    [Fact]
    public void Step_SpeechAndShortToneHeard_WaitTimesOutWithReason()
    {
        var heard = new short[3 * Rate];
        for (var n = 0; n < 16000; n++)
        {
            // Voiced speech stand-in: 125 Hz harmonics up to 3.4 kHz, one of them at 1 kHz, with syllables.
            var syllable = Math.Max(0, Math.Sin(2 * Math.PI * 3 * n / Rate));
            var value = 0.0;
            for (var h = 1; h * 125 < 3400; h++)
            {
                value += Math.Sin(2 * Math.PI * h * 125 * n / Rate) / h;
            }

            heard[n] = (short)(6000 * syllable * value);
        }

        // A 1 kHz tone of 100 ms: too short to be the beep.
        new ToneGenerator(Rate, 1000, TimeSpan.FromMilliseconds(100), -12, TimeSpan.FromMilliseconds(8)).Read(heard.AsSpan(17000));
        var engine = SimulatorRun.Engine(new WaitForStep(WaitTarget.Beep, TimeSpan.FromSeconds(2)), new HangUpStep());

        var run = new SimulatorRun(engine, heard, 150);

        Assert.DoesNotContain(run.Events, e => e.Kind is SimulatorEventKind.BeepHeard or SimulatorEventKind.HangUp);
        var failed = run.Single(SimulatorEventKind.ScriptFailed);
        Assert.Equal((0, 16000L), (failed.StepIndex, failed.Sample));
        Assert.Contains("no beep heard within 2 s", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(SimulatorState.Failed, engine.State);
        Assert.All(run.Said, s => Assert.Equal(0, s));
    }

    [Fact]
    public void Step_SilenceHeard_WaitTimesOut()
    {
        var engine = SimulatorRun.Engine(new WaitForStep(WaitTarget.Beep, TimeSpan.FromSeconds(1)));

        var run = new SimulatorRun(engine, [], 60);

        Assert.Equal(8000, run.Single(SimulatorEventKind.ScriptFailed).Sample);
        Assert.DoesNotContain(run.Events, e => e.Kind == SimulatorEventKind.BeepHeard);
    }

    [Fact]
    public void Step_HangUp_EmitsHangUpThenSilence()
    {
        var engine = SimulatorRun.Engine(new PlayStep(Ramp(200, 9)), new HangUpStep());

        var run = new SimulatorRun(engine, [], 5);

        Assert.Equal(200, run.Single(SimulatorEventKind.HangUp).Sample);
        Assert.DoesNotContain(run.Events, e => e.Kind == SimulatorEventKind.ScriptFinished);
        Assert.Equal(SimulatorState.HungUp, engine.State);
        Assert.All(run.Said[200..], s => Assert.Equal(0, s));
    }

    [Fact]
    public void Step_Frames_RecordsEverythingHeard()
    {
        var heard = Ramp(1000, 11);
        var engine = SimulatorRun.Engine();

        _ = new SimulatorRun(engine, heard, 10);

        Assert.Equal(1600, engine.HeardSamples.Length);
        Assert.Equal(heard, engine.HeardSamples.ToArray()[..1000]);
    }

    [Fact]
    public void Step_SteadyState_AllocatesNothing()
    {
        var heard = new short[160];
        var said = new short[160];
        for (var i = 0; i < heard.Length; i++)
        {
            heard[i] = (short)(i * 50);
        }

        VirtualCallerEngine engine = null!;
        Action ThroughPlay()
        {
            engine = SimulatorRun.Engine(
                new DtmfStep(DtmfKey.Digit9, DtmfMode.Inband, TimeSpan.FromMilliseconds(300)),
                new PlayStep(new short[4000]),
                new WaitForStep(WaitTarget.Beep, TimeSpan.FromSeconds(10)));
            StepFrames(engine, 1); // the first heard chunk is allocated here
            return () => StepFrames(engine, 47); // the DTMF, then the played audio
        }

        var allocated = Allocations.Least(ThroughPlay);

        Assert.Equal(0, allocated);
        Assert.Equal(2, engine.CurrentStep);

        void StepFrames(VirtualCallerEngine target, int frames)
        {
            for (var f = 0; f < frames; f++)
            {
                target.Step(heard, said);
                while (target.TryRead(out _))
                {
                }
            }
        }
    }

    [Fact]
    public void Step_MismatchedFrames_Throws()
    {
        var engine = SimulatorRun.Engine();

        Assert.Throws<ArgumentException>(() => engine.Step(new short[160], new short[80]));
    }

    private static short[] Ramp(int count, int seed)
    {
        var samples = new short[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = (short)(((i * 37) + seed) % 2000 - 1000);
        }

        return samples;
    }

    private static List<DtmfEvent> Detect(short[] audio)
    {
        var detector = new DtmfDetector(Rate);
        var ups = new List<DtmfEvent>();
        for (var i = 0; i + 160 <= audio.Length; i += 160)
        {
            // Process hands back the oldest event itself; TryRead drains the rest.
            for (var e = detector.Process(audio.AsSpan(i, 160)); e.Kind != DtmfEventKind.None; e = Next(detector))
            {
                if (e.Kind == DtmfEventKind.KeyUp)
                {
                    ups.Add(e);
                }
            }
        }

        return ups;
    }

    private static DtmfEvent Next(DtmfDetector detector) =>
        detector.TryRead(out var e) ? e : DtmfEvent.None;

    private static double Sum(ReadOnlySpan<short> samples, Func<short, double> f)
    {
        var total = 0.0;
        foreach (var s in samples)
        {
            total += f(s);
        }

        return total;
    }
}
