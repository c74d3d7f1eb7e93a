using Hark.Media.Vad;
using Hark.Testing;

namespace Hark.Media.Tests.Vad;

public sealed class EnergyVoiceActivityDetectorTests
{
    private const double NoiseDbfs = -50;
    private const double SpeechDbfs = -22;

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void Process_SteadyNoiseThenSpeechLevelStep_StartsAtStepFrame(int rate)
    {
        var frame = rate / 50;
        const int stepFrame = 100;
        var signal = VadTestAudio.WhiteNoise(200 * frame, NoiseDbfs, seed: 1);
        VadTestAudio.AddInto(signal, VadTestAudio.VoicedTone(100 * frame, rate, SpeechDbfs), stepFrame * frame);
        var detector = new EnergyVoiceActivityDetector(rate);

        var results = Run(detector, VadTestAudio.ToPcm16(signal), frame);

        var starts = results.Where(r => r.Transition == VadTransition.SpeechStart).ToList();
        var start = Assert.Single(starts);
        Assert.Equal(stepFrame, start.TransitionFrame);
        Assert.Equal(stepFrame + VadOptions.Default.OnsetFrames - 1, start.FrameIndex);
        Assert.All(results.Take(stepFrame + VadOptions.Default.OnsetFrames - 1), r => Assert.False(r.IsSpeech));
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void Process_SilenceAfterSpeech_EndsAfterHangover(int rate)
    {
        var frame = rate / 50;
        const int speechStart = 100, speechEnd = 150;
        var hangover = VadOptions.Default.HangoverFrames;
        var signal = VadTestAudio.WhiteNoise(250 * frame, NoiseDbfs, seed: 2);
        VadTestAudio.AddInto(signal, VadTestAudio.VoicedTone((speechEnd - speechStart) * frame, rate, SpeechDbfs), speechStart * frame);
        var detector = new EnergyVoiceActivityDetector(rate);

        var results = Run(detector, VadTestAudio.ToPcm16(signal), frame);

        var end = Assert.Single(results, r => r.Transition == VadTransition.SpeechEnd);
        Assert.Equal(speechEnd, end.TransitionFrame);
        Assert.Equal(speechEnd + hangover, end.FrameIndex);
        Assert.All(results.Skip(speechEnd).Take(hangover), r => Assert.True(r.IsSpeech));
        Assert.All(results.Skip(speechEnd + hangover), r => Assert.False(r.IsSpeech));
    }

    [Theory]
    [InlineData(8000, false, 3)]
    [InlineData(8000, false, 13)]
    [InlineData(8000, true, 3)]
    [InlineData(8000, true, 13)]
    [InlineData(16000, false, 3)]
    [InlineData(16000, false, 13)]
    [InlineData(16000, true, 3)]
    [InlineData(16000, true, 13)]
    public void Process_NoiseLevelStep_AdaptsWithoutFalseStart(int rate, bool colored, int seed)
    {
        var frame = rate / 50;
        const int stepFrame = 150, frames = 600;
        const double quiet = -58, loud = -43;
        var signal = colored ? VadTestAudio.ColoredNoise(frames * frame, quiet, seed) : VadTestAudio.WhiteNoise(frames * frame, quiet, seed);
        var gain = Math.Pow(10, (loud - quiet) / 20);
        for (var i = stepFrame * frame; i < signal.Length; i++)
        {
            signal[i] *= gain;
        }

        var detector = new EnergyVoiceActivityDetector(rate);
        var results = Run(detector, VadTestAudio.ToPcm16(signal), frame);

        Assert.DoesNotContain(results, r => r.IsSpeech);
        // The floor followed the new level (within the few dB it sits below a noise's mean).
        Assert.InRange(detector.NoiseFloorDbfs, loud - 8, loud + 1);
        // And the detector is not deaf afterwards: speech over the louder noise still starts.
        var speech = colored ? VadTestAudio.ColoredNoise(60 * frame, loud, seed + 1) : VadTestAudio.WhiteNoise(60 * frame, loud, seed + 1);
        VadTestAudio.AddInto(speech, VadTestAudio.Syllables(60 * frame, rate, -25), 0);
        Assert.Contains(Run(detector, VadTestAudio.ToPcm16(speech), frame), r => r.Transition == VadTransition.SpeechStart);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void Process_DigitalSilence_NeverStarts(int rate)
    {
        var frame = new short[rate / 50];
        var detector = new EnergyVoiceActivityDetector(rate);

        for (var f = 0; f < 1500; f++)
        {
            var r = detector.Process(frame);
            Assert.False(r.IsSpeech);
            Assert.Equal(VadTransition.None, r.Transition);
            Assert.Equal(f, r.FrameIndex);
        }
    }

    [Fact]
    public void Process_DigitalSilenceThenSpeech_StartsSpeech()
    {
        const int rate = 8000, frame = 160;
        var signal = new double[100 * frame];
        VadTestAudio.AddInto(signal, VadTestAudio.WhiteNoise(50 * frame, -60, seed: 5), 50 * frame);
        VadTestAudio.AddInto(signal, VadTestAudio.VoicedTone(20 * frame, rate, SpeechDbfs), 75 * frame);

        var results = Run(new EnergyVoiceActivityDetector(rate), VadTestAudio.ToPcm16(signal), frame);

        var start = Assert.Single(results, r => r.Transition == VadTransition.SpeechStart);
        Assert.Equal(75, start.TransitionFrame);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void Process_SpeechStraightAfterDigitalSilence_StartsAtItsFirstFrame(int rate)
    {
        // A virtual caller or a muted leg: nothing but zeros, then a voice with no line noise before it.
        var frame = rate / 50;
        var signal = new double[100 * frame];
        VadTestAudio.AddInto(signal, VadTestAudio.VoicedTone(30 * frame, rate, SpeechDbfs), 40 * frame);

        var results = Run(new EnergyVoiceActivityDetector(rate), VadTestAudio.ToPcm16(signal), frame);

        var start = Assert.Single(results, r => r.Transition == VadTransition.SpeechStart);
        Assert.Equal(40, start.TransitionFrame);
    }

    [Theory]
    [InlineData(8000, -70)]
    [InlineData(8000, -50)]
    [InlineData(16000, -70)]
    [InlineData(16000, -50)]
    public void Process_SpeechFromFirstFrame_StartsAtFirstFrame(int rate, double noiseDbfs)
    {
        // A caller already talking when the line opens: the first frame is mid-syllable, so the floor starts at speech level.
        var frame = rate / 50;
        var signal = VadTestAudio.WhiteNoise(150 * frame, noiseDbfs, seed: 8);
        VadTestAudio.AddInto(signal, SpeechAlreadyGoing(150 * frame, rate), 0);

        var results = Run(new EnergyVoiceActivityDetector(rate), VadTestAudio.ToPcm16(signal), frame);

        var start = results.First(r => r.Transition == VadTransition.SpeechStart);
        Assert.Equal(0, start.TransitionFrame);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void Process_SpeechFromFirstFrameThenLongPause_StartsAtFirstFrame(int rate)
    {
        // "Hello?" already under way when the line opens, then 0.6 s of silence (past the hangover), then more words.
        var frame = rate / 50;
        var signal = VadTestAudio.WhiteNoise(150 * frame, -50, seed: 13);
        var words = SpeechAlreadyGoing(150 * frame, rate);
        Array.Clear(words, 20 * frame, 30 * frame);
        VadTestAudio.AddInto(signal, words, 0);

        var results = Run(new EnergyVoiceActivityDetector(rate), VadTestAudio.ToPcm16(signal), frame);

        var start = results.First(r => r.Transition == VadTransition.SpeechStart);
        Assert.Equal(0, start.TransitionFrame);
    }

    [Theory]
    [InlineData(8000, false)]
    [InlineData(8000, true)]
    [InlineData(16000, false)]
    [InlineData(16000, true)]
    public void Process_LoudNoiseFromFirstFrameThenSpeech_StartsAtTheSpeech(int rate, bool colored)
    {
        // Within the reach of the first-speech lookback, so it must tell the noise it started on from speech.
        var frame = rate / 50;
        const int speechFrame = 40;
        var signal = colored ? VadTestAudio.ColoredNoise(120 * frame, -35, seed: 9) : VadTestAudio.WhiteNoise(120 * frame, -35, seed: 9);
        VadTestAudio.AddInto(signal, SpeechAlreadyGoing(80 * frame, rate, -12), speechFrame * frame);

        var results = Run(new EnergyVoiceActivityDetector(rate), VadTestAudio.ToPcm16(signal), frame);

        var start = results.First(r => r.Transition == VadTransition.SpeechStart);
        Assert.InRange(start.TransitionFrame, speechFrame - 1, speechFrame + 1);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void Process_LoudBurstThenQuietLineThenSpeech_StartsAtTheSpeech(int rate)
    {
        // The first frames are loud by the floor learned later, but a long quiet stretch parts them from the speech.
        var frame = rate / 50;
        const int speechFrame = 45;
        var signal = VadTestAudio.WhiteNoise(120 * frame, -55, seed: 10);
        VadTestAudio.AddInto(signal, VadTestAudio.WhiteNoise(10 * frame, -30, seed: 11), 0);
        VadTestAudio.AddInto(signal, SpeechAlreadyGoing(75 * frame, rate), speechFrame * frame);

        var results = Run(new EnergyVoiceActivityDetector(rate), VadTestAudio.ToPcm16(signal), frame);

        var start = results.First(r => r.Transition == VadTransition.SpeechStart);
        Assert.InRange(start.TransitionFrame, speechFrame - 1, speechFrame + 1);
    }

    [Theory]
    [InlineData(8000, false, -30)]
    [InlineData(8000, true, -30)]
    [InlineData(8000, false, -20)]
    [InlineData(16000, false, -30)]
    [InlineData(16000, true, -30)]
    [InlineData(16000, true, -20)]
    public void Process_LoudStationaryNoiseFromFirstFrame_NeverSpeech(int rate, bool colored, double levelDbfs)
    {
        var frame = rate / 50;
        var signal = colored ? VadTestAudio.ColoredNoise(500 * frame, levelDbfs, seed: 12) : VadTestAudio.WhiteNoise(500 * frame, levelDbfs, seed: 12);

        var results = Run(new EnergyVoiceActivityDetector(rate), VadTestAudio.ToPcm16(signal), frame);

        Assert.DoesNotContain(results, r => r.IsSpeech);
    }

    [Fact]
    public void Reset_AfterSpeech_ReplaysIdentically()
    {
        const int rate = 8000, frame = 160;
        var signal = VadTestAudio.WhiteNoise(120 * frame, NoiseDbfs, seed: 6);
        VadTestAudio.AddInto(signal, VadTestAudio.VoicedTone(30 * frame, rate, SpeechDbfs), 50 * frame);
        var pcm = VadTestAudio.ToPcm16(signal);
        var detector = new EnergyVoiceActivityDetector(rate);

        var first = Run(detector, pcm, frame);
        detector.Reset();
        var second = Run(detector, pcm, frame);

        Assert.Contains(first, r => r.Transition == VadTransition.SpeechStart);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Process_ManyFrames_AllocatesNothing()
    {
        const int rate = 16000, frame = 320;
        var signal = VadTestAudio.WhiteNoise(300 * frame, NoiseDbfs, seed: 7);
        VadTestAudio.AddInto(signal, VadTestAudio.VoicedTone(100 * frame, rate, SpeechDbfs), 100 * frame);
        var pcm = VadTestAudio.ToPcm16(signal);
        var detector = new EnergyVoiceActivityDetector(rate);
        var transitions = 0;

        var allocated = Allocations.Least(() =>
        {
            detector.Reset();
            transitions = 0;
            for (var pos = 0; pos + frame <= pcm.Length; pos += frame)
            {
                transitions += detector.Process(pcm.AsSpan(pos, frame)).Transition == VadTransition.None ? 0 : 1;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(2, transitions);
    }

    [Fact]
    public void Process_EmptyFrame_Throws() =>
        Assert.Throws<ArgumentException>(() => new EnergyVoiceActivityDetector(8000).Process(ReadOnlySpan<short>.Empty));

    [Theory]
    [InlineData(4000)]
    [InlineData(96000)]
    public void Constructor_UnsupportedSampleRate_Throws(int rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnergyVoiceActivityDetector(rate));

    [Fact]
    public void Constructor_InconsistentOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnergyVoiceActivityDetector(8000, new VadOptions { OnsetFrames = 5, OnsetWindowFrames = 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnergyVoiceActivityDetector(8000, new VadOptions { ContinueThresholdDb = 10, StartThresholdDb = 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnergyVoiceActivityDetector(8000, new VadOptions { FloorRiseRate = 1.5 }));
    }

    [Fact]
    public void SampleRate_AsConstructed_IsReported() => Assert.Equal(16000, new EnergyVoiceActivityDetector(16000).SampleRate);

    /// <summary>
    /// Words (1 s of syllables) 0.2 s apart, joined at a syllable's peak: speech that began before the first sample.
    /// Without the pauses a steady syllable rhythm is never told from fluctuating noise, whenever it starts.
    /// </summary>
    private static double[] SpeechAlreadyGoing(int count, int sampleRate, double levelDbfs = SpeechDbfs)
    {
        // The 3 Hz envelope peaks a sixth of a second in; the tone's fade-in is dropped with what comes before.
        var skip = sampleRate / 6;
        var word = VadTestAudio.Syllables(sampleRate, sampleRate, levelDbfs);
        var speech = new double[count + skip];
        for (var at = 0; at < speech.Length; at += sampleRate * 6 / 5)
        {
            VadTestAudio.AddInto(speech, word, at);
        }

        return speech[skip..];
    }

    private static List<VadResult> Run(EnergyVoiceActivityDetector detector, short[] pcm, int frame)
    {
        var results = new List<VadResult>();
        for (var pos = 0; pos + frame <= pcm.Length; pos += frame)
        {
            results.Add(detector.Process(pcm.AsSpan(pos, frame)));
        }

        return results;
    }
}
