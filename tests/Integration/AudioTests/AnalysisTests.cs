using Hark.Integration.Audio;
using Hark.Media.Vad;

namespace Hark.Integration.AudioTests;

/// <summary>The analysis helpers tell apart what the scenarios rely on them to tell apart.</summary>
public sealed class AnalysisTests
{
    [Fact]
    public void MaxDtmfShare_KeyPressVersusVoice_OnlyTheKeyPressCounts()
    {
        var key = TestSignals.Pair(8000, 0.1, 941, 1477);
        var voice = TestSignals.Voice(8000, 1.5);

        Assert.True(ToneAnalysis.MaxDtmfShare(key, 8000) > 0.8);
        Assert.True(ToneAnalysis.MaxDtmfShare(voice, 8000) < 0.5);
        Assert.True(ToneAnalysis.MaxDtmfShare(WavFile.Resample(voice, 8000, 16000), 16000) < 0.5);
    }

    [Fact]
    public void FindTone_BeepAfterChirp_FoundWhereItIs()
    {
        var audio = TestSignals.Concat(
            TestSignals.Chirp(16000, 0.6, 300, 3000), TestSignals.Silence(16000, 0.2), TestSignals.Tone(16000, 0.4, 1000), TestSignals.Silence(16000, 0.3));

        var runs = ToneAnalysis.FindTone(audio, 16000);

        var run = Assert.Single(runs);
        Assert.InRange(run.Start, 0.78, 0.82);
        Assert.InRange(run.End, 1.18, 1.22);
    }

    [Fact]
    public void Correlation_ResampledVoiceInsideLongerAudio_FoundAtItsOffset()
    {
        var voice = TestSignals.Voice(8000, 1.0);
        var recording = TestSignals.Concat(TestSignals.Silence(16000, 0.25), WavFile.Resample(voice, 8000, 16000), TestSignals.Silence(16000, 0.5));

        var match = Correlation.Find(recording, WavFile.Resample(voice, 8000, 16000));

        Assert.True(match.Score > 0.99);
        Assert.InRange(match.Offset, 4000 - 8, 4000 + 8);
    }

    [Fact]
    public void Locate_PromptWithA20msGap_FoundAtItsStart_OtherAudioNot()
    {
        var prompt = TestSignals.Chirp(16000, 0.6, 300, 3000);
        var heard = TestSignals.Concat(
            TestSignals.Silence(16000, 0.3), prompt[..4000], TestSignals.Silence(16000, 0.02), prompt[4000..], TestSignals.Silence(16000, 0.2));

        Assert.True(Correlation.Find(heard, prompt).Score < 0.9);
        Assert.InRange(Correlation.Locate(heard, prompt, 16000) ?? -1, 0.299, 0.301);
        Assert.Null(Correlation.Locate(heard, prompt, 16000, maxDriftSeconds: 0.01));
        Assert.Null(Correlation.Locate(heard, TestSignals.Chirp(16000, 0.6, 3000, 300), 16000));
    }

    [Fact]
    public void Correlation_DifferentVoices_ScoreLow()
    {
        var a = TestSignals.Voice(16000, 1.0);
        var b = TestSignals.Voice(16000, 1.0, pitchStartHz: 200, pitchEndHz: 140);

        Assert.True(Correlation.Find(a, b).Score < 0.5);
    }

    [Fact]
    public void Resample_8kTo16k_KeepsLengthAndTiming()
    {
        var voice = TestSignals.Voice(8000, 1.0);

        var up = WavFile.Resample(voice, 8000, 16000);

        Assert.Equal(16000, up.Length);
        var back = WavFile.Resample(up, 16000, 8000);
        Assert.True(Correlation.Find(voice, back).Score > 0.99);
    }

    [Fact]
    public void Voice_AfterLineNoise_TripsTheEnergyDetectorAtItsStartAndEnd()
    {
        var audio = TestSignals.Concat(TestSignals.Noise(8000, 1.0), TestSignals.Voice(8000, 1.2), TestSignals.Silence(8000, 1.0));
        var vad = new EnergyVoiceActivityDetector(8000);
        long start = -1, end = -1;
        for (var i = 0; i + 160 <= audio.Length; i += 160)
        {
            var r = vad.Process(audio.AsSpan(i, 160));
            if (r.Transition == VadTransition.SpeechStart && start < 0)
            {
                start = r.TransitionFrame;
            }
            else if (r.Transition == VadTransition.SpeechEnd)
            {
                end = r.TransitionFrame;
            }
        }

        Assert.InRange(start * 0.02, 0.96, 1.04);
        Assert.InRange(end * 0.02, 2.16, 2.24);
    }
}
