using Hark.Media.Dtmf;
using static Hark.Media.Tests.Dtmf.DtmfTestAudio;

namespace Hark.Media.Tests.Dtmf;

// Talk-off: speech must never be taken for a key. The speech is tests/data/dtmf/speech-8k.wav
// (74 s of espeak-ng voices, made by make-speech.sh beside it).
public sealed partial class DtmfDetectorTests
{
    private const string SpeechFile = "tests/data/dtmf/speech-8k.wav";

    private static readonly Lazy<short[]> Speech8k = new(() =>
    {
        var pcm = ReadWav(SpeechFile, out var rate);
        Assert.Equal(8000, rate);
        return pcm;
    });

    private static readonly Lazy<short[]> Speech16k = new(() => Upsample2(Speech8k.Value));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-12, 0)]
    [InlineData(-24, 0)]
    [InlineData(0, 40)]
    [InlineData(-6, 27)]
    public void Process_Speech8k_ReportsNoKey(double gainDb, int skip)
    {
        var speech = Scale(Speech8k.Value, gainDb)[skip..];
        Assert.True(speech.Length >= 60 * 8000);

        Assert.Empty(Detect(speech, 8000));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-12, 0)]
    [InlineData(-6, 53)]
    public void Process_Speech16k_ReportsNoKey(double gainDb, int skip)
    {
        var speech = Scale(Speech16k.Value, gainDb)[skip..];
        Assert.True(speech.Length >= 60 * 16000);

        Assert.Empty(Detect(speech, 16000));
    }

    // The tone pair is put 12 dB above the speech around it (the detector needs about 9 dB:
    // speech energy counts against the pair's share of the window).
    [Theory]
    [InlineData(8000, '5', 1.3)]
    [InlineData(8000, '#', 17.85)]
    [InlineData(8000, '1', 33.1)]
    [InlineData(8000, 'D', 50.42)]
    [InlineData(8000, '*', 25.0)]
    [InlineData(16000, '0', 9.71)]
    [InlineData(16000, '9', 41.23)]
    [InlineData(16000, 'C', 62.5)]
    public void Process_KeyMixedIntoSpeech_DetectedWithOnset(int sampleRate, char c, double atSeconds)
    {
        var key = DtmfTestSignal.KeyOf(c);
        var speech = sampleRate == 8000 ? Speech8k.Value : Speech16k.Value;
        var signal = new DtmfTestSignal(sampleRate).Append(speech.AsSpan(0, (int)((atSeconds + 2) * sampleRate)));
        var onset = (int)(atSeconds * sampleRate);
        var length = signal.Samples(80);
        var perToneDbm0 = Math.Clamp(LevelDbm0(speech.AsSpan(onset, length)) + 12 - 3, -30, -3);
        signal.MixTone(key, onset, 80, perToneDbm0);

        var events = Detect(signal.ToPcm(), sampleRate);

        Assert.Equal(c.ToString(), Keys(events));
        AssertAlternatesDownUp(events);
        AssertNear(onset, events[0].OnsetSample, sampleRate);
        AssertNear(onset + length, events[1].EndSample, sampleRate);
    }

    private static double LevelDbm0(ReadOnlySpan<short> pcm)
    {
        double energy = 0;
        foreach (var x in pcm)
        {
            energy += (double)x * x;
        }

        var zeroDbm0Power = DtmfTestSignal.ZeroDbm0Peak * DtmfTestSignal.ZeroDbm0Peak / 2;
        return 10 * Math.Log10((energy / pcm.Length / zeroDbm0Power) + 1e-12);
    }
}
