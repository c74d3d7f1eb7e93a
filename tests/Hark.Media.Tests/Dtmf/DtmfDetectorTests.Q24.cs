using Hark.Media.Dtmf;
using static Hark.Media.Tests.Dtmf.DtmfTestAudio;

namespace Hark.Media.Tests.Dtmf;

// ITU-T Q.24 acceptance limits. Each case runs every key at several positions relative to the
// detector's 10 ms blocks, so no lucky alignment can make a case pass.
public sealed partial class DtmfDetectorTests
{
    private const int Alignments = 4;

    [Theory]
    [InlineData(8000, 40)]
    [InlineData(8000, 41)]
    [InlineData(8000, 60)]
    [InlineData(8000, 500)]
    [InlineData(16000, 40)]
    [InlineData(16000, 45)]
    [InlineData(16000, 200)]
    public void Process_ToneOf40msOrLonger_Accepted(int sampleRate, double ms) =>
        AssertEveryKey(sampleRate, accepted: true, (s, key) => s.Tone(key, ms));

    [Theory]
    [InlineData(8000, 23)]
    [InlineData(8000, 20)]
    [InlineData(8000, 10)]
    [InlineData(16000, 23)]
    [InlineData(16000, 15)]
    public void Process_ToneOf23msOrShorter_Rejected(int sampleRate, double ms) =>
        AssertEveryKey(sampleRate, accepted: false, (s, key) => s.Tone(key, ms));

    [Theory]
    [InlineData(8000, 1.5, 0)]
    [InlineData(8000, -1.5, 0)]
    [InlineData(8000, 0, 1.5)]
    [InlineData(8000, 0, -1.5)]
    [InlineData(8000, 1.5, 1.5)]
    [InlineData(8000, -1.5, -1.5)]
    [InlineData(8000, 1.5, -1.5)]
    [InlineData(16000, 1.5, 1.5)]
    [InlineData(16000, -1.5, 1.5)]
    [InlineData(16000, -1.5, -1.5)]
    public void Process_FrequencyErrorWithin1Point5Percent_Accepted(int sampleRate, double lowPercent, double highPercent)
    {
        AssertEveryKey(sampleRate, accepted: true, (s, key) => s.Tone(key, 45, lowScale: 1 + (lowPercent / 100), highScale: 1 + (highPercent / 100)));
        AssertEveryKey(sampleRate, accepted: true, (s, key) => s.Tone(key, 200, lowScale: 1 + (lowPercent / 100), highScale: 1 + (highPercent / 100)));
    }

    [Theory]
    [InlineData(8000, 3.5, 0)]
    [InlineData(8000, -3.5, 0)]
    [InlineData(8000, 0, 3.5)]
    [InlineData(8000, 0, -3.5)]
    [InlineData(8000, 3.5, 3.5)]
    [InlineData(8000, -3.5, -3.5)]
    [InlineData(16000, 3.5, 0)]
    [InlineData(16000, 0, -3.5)]
    [InlineData(16000, -3.5, 3.5)]
    public void Process_FrequencyErrorOf3Point5Percent_Rejected(int sampleRate, double lowPercent, double highPercent)
    {
        AssertEveryKey(sampleRate, accepted: false, (s, key) => s.Tone(key, 60, lowScale: 1 + (lowPercent / 100), highScale: 1 + (highPercent / 100)));
        AssertEveryKey(sampleRate, accepted: false, (s, key) => s.Tone(key, 300, lowScale: 1 + (lowPercent / 100), highScale: 1 + (highPercent / 100)));
    }

    // Normal twist: the low (row) tone louder; reverse: the high (column) tone louder.
    // Levels are per tone in dBm0.
    [Theory]
    [InlineData(8000, -6, -14)]
    [InlineData(8000, -18, -14)]
    [InlineData(8000, -30, -26)]
    [InlineData(16000, -6, -14)]
    [InlineData(16000, -18, -14)]
    public void Process_Normal8dBOrReverse4dBTwist_Accepted(int sampleRate, double lowDbm0, double highDbm0) =>
        AssertEveryKey(sampleRate, accepted: true, (s, key) => s.Tone(key, 60, lowDbm0, highDbm0));

    [Theory]
    [InlineData(8000, -6, -18)]
    [InlineData(8000, -14, -6)]
    [InlineData(16000, -6, -18)]
    [InlineData(16000, -14, -6)]
    public void Process_Normal12dBOrReverse8dBTwist_Rejected(int sampleRate, double lowDbm0, double highDbm0) =>
        AssertEveryKey(sampleRate, accepted: false, (s, key) => s.Tone(key, 60, lowDbm0, highDbm0));

    [Theory]
    [InlineData(8000, -26)]
    [InlineData(8000, -30)]
    [InlineData(8000, 0)]
    [InlineData(16000, -30)]
    public void Process_ToneLevelDownTo30dBm0_Accepted(int sampleRate, double dbm0) =>
        AssertEveryKey(sampleRate, accepted: true, (s, key) => s.Tone(key, 60, dbm0, dbm0));

    [Theory]
    [InlineData(8000, -42)]
    [InlineData(8000, -55)]
    [InlineData(16000, -42)]
    public void Process_ToneLevelBelow42dBm0_Rejected(int sampleRate, double dbm0) =>
        AssertEveryKey(sampleRate, accepted: false, (s, key) => s.Tone(key, 60, dbm0, dbm0));

    // SNR = power of the tone pair (-10 dBm0 per tone) over white noise in the whole band.
    [Theory]
    [InlineData(8000, 1)]
    [InlineData(8000, 2)]
    [InlineData(8000, 3)]
    [InlineData(16000, 1)]
    [InlineData(16000, 2)]
    public void Process_KeysInWhiteNoiseAt15dBSnr_AllDetected(int sampleRate, int seed)
    {
        var signal = new DtmfTestSignal(sampleRate, seed).Silence(70);
        var onsets = new List<int>();
        foreach (var c in AllKeys)
        {
            onsets.Add(signal.Tone(DtmfTestSignal.KeyOf(c), 50));
            signal.Silence(50);
        }

        var pairRms = DtmfTestSignal.Peak(-10);
        signal.AddNoise(pairRms / Math.Pow(10, 15.0 / 20));

        var events = Detect(signal.ToPcm(), sampleRate);

        Assert.Equal(AllKeys, Keys(events));
        AssertAlternatesDownUp(events);
        var downs = KeyDowns(events);
        for (var i = 0; i < onsets.Count; i++)
        {
            AssertNear(onsets[i], downs[i].OnsetSample, sampleRate);
        }
    }

    private static void AssertEveryKey(int sampleRate, bool accepted, Action<DtmfTestSignal, DtmfKey> tone)
    {
        var block = sampleRate / 100;
        var failures = new List<string>();
        foreach (var c in AllKeys)
        {
            for (var a = 0; a < Alignments; a++)
            {
                var signal = new DtmfTestSignal(sampleRate, seed: c + (31 * a)).Silence(60).SilenceSamples(a * block / Alignments);
                tone(signal, DtmfTestSignal.KeyOf(c));
                signal.Silence(80);
                var keys = Keys(Detect(signal.ToPcm(), sampleRate));
                if (keys != (accepted ? c.ToString() : string.Empty))
                {
                    failures.Add($"{c}@{a}:'{keys}'");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(' ', failures));
    }
}
