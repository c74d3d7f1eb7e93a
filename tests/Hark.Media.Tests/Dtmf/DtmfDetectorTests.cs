using Hark.Media.Dtmf;
using static Hark.Media.Tests.Dtmf.DtmfTestAudio;

namespace Hark.Media.Tests.Dtmf;

public sealed partial class DtmfDetectorTests
{
    private const string AllKeys = "123A456B789C*0#D";

    public static TheoryData<int, char> EveryKeyAtBothRates()
    {
        var data = new TheoryData<int, char>();
        foreach (var rate in new[] { 8000, 16000 })
        {
            foreach (var c in AllKeys)
            {
                data.Add(rate, c);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKeyAtBothRates))]
    public void Process_NominalKey_ReportsKeyDownAndKeyUpWithPositions(int sampleRate, char c)
    {
        var key = DtmfTestSignal.KeyOf(c);
        var signal = new DtmfTestSignal(sampleRate).Silence(103);
        var onset = signal.Tone(key, 70);
        var end = signal.Length;
        signal.Silence(100);

        var events = Detect(signal.ToPcm(), sampleRate);

        Assert.Equal(2, events.Count);
        Assert.Equal(new[] { DtmfEventKind.KeyDown, DtmfEventKind.KeyUp }, events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal(key, e.Key));
        Assert.All(events, e => AssertNear(onset, e.OnsetSample, sampleRate));
        Assert.Equal(-1, events[0].EndSample);
        AssertNear(end, events[1].EndSample, sampleRate);
    }

    [Theory]
    [InlineData(8000, 0)]
    [InlineData(8000, 37)]
    [InlineData(16000, 0)]
    [InlineData(16000, 91)]
    public void Process_KeysWith40msGaps_DetectsAllInOrderWithOnsets(int sampleRate, int lead)
    {
        var signal = new DtmfTestSignal(sampleRate, seed: lead).Silence(50).SilenceSamples(lead);
        var onsets = new List<int>();
        foreach (var c in AllKeys)
        {
            var key = DtmfTestSignal.KeyOf(c);
            onsets.Add(signal.Tone(key, 40));
            signal.Silence(40);
        }

        var events = Detect(signal.ToPcm(), sampleRate);

        Assert.Equal(AllKeys, Keys(events));
        var downs = KeyDowns(events);
        for (var i = 0; i < onsets.Count; i++)
        {
            AssertNear(onsets[i], downs[i].OnsetSample, sampleRate);
        }

        AssertAlternatesDownUp(events);
    }

    [Fact]
    public void Process_KeyFollowsKeyWithoutGap_ReleasesFirstAndDetectsSecond()
    {
        var signal = new DtmfTestSignal(8000).Silence(50);
        var first = signal.Tone(DtmfKey.Digit5, 80);
        var second = signal.Tone(DtmfKey.Digit9, 80);
        signal.Silence(60);

        var events = Detect(signal.ToPcm(), 8000);

        Assert.Equal("59", Keys(events));
        AssertAlternatesDownUp(events);
        AssertNear(first, events[0].OnsetSample, 8000);
        AssertNear(second, events[1].EndSample, 8000);
        AssertNear(second, events[2].OnsetSample, 8000);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(43)]
    public void Process_TenMsDropoutInsideKey_ReportsOneKey(int lead)
    {
        var signal = new DtmfTestSignal(8000).Silence(50).SilenceSamples(lead);
        signal.Tone(DtmfKey.Digit3, 60);
        signal.Silence(10);
        signal.Tone(DtmfKey.Digit3, 60);
        signal.Silence(60);

        Assert.Equal("3", Keys(Detect(signal.ToPcm(), 8000)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(160)]
    [InlineData(240)]
    [InlineData(100_000)]
    public void Process_AnyFrameLength_GivesSameEventsAs20msFrames(int frameSamples)
    {
        var signal = new DtmfTestSignal(8000).Silence(30);
        foreach (var c in "147*2580369#")
        {
            var key = DtmfTestSignal.KeyOf(c);
            signal.Tone(key, 45);
            signal.Silence(41);
        }

        var pcm = signal.ToPcm();

        var reference = Detect(pcm, 8000);
        var events = Detect(pcm, 8000, frameSamples);

        Assert.Equal(24, reference.Count);
        Assert.Equal(reference, events);
    }

    [Fact]
    public void Process_AfterReset_CountsFromZeroAndForgetsPartialKey()
    {
        var detector = new DtmfDetector(8000);
        var first = new DtmfTestSignal(8000).Silence(20);
        first.Tone(DtmfKey.Digit1, 30);
        Detect(detector, first.ToPcm(), 160);

        detector.Reset();
        var second = new DtmfTestSignal(8000).Silence(20);
        var onset = second.Tone(DtmfKey.Digit2, 60);
        second.Silence(60);
        var pcm = second.ToPcm();
        var events = Detect(detector, pcm, 160);

        Assert.Equal(pcm.Length, detector.SamplesSeen);
        Assert.Equal("2", Keys(events));
        AssertNear(onset, events[0].OnsetSample, 8000);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11025)]
    [InlineData(44100)]
    public void Constructor_UnsupportedRate_Throws(int sampleRate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtmfDetector(sampleRate));

    [Fact]
    public void Process_Silence_ReturnsNoneAndCountsSamples()
    {
        var detector = new DtmfDetector(16000);
        var frame = new short[320];
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(DtmfEvent.None, detector.Process(frame));
        }

        Assert.False(detector.TryRead(out _));
        Assert.Equal(16000, detector.SamplesSeen);
    }

    private static void AssertNear(long expected, long actual, int sampleRate)
    {
        var tolerance = sampleRate / 100;
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected} +- {tolerance}, got {actual}");
    }

    private static void AssertAlternatesDownUp(List<DtmfEvent> events)
    {
        Assert.Equal(0, events.Count % 2);
        for (var i = 0; i < events.Count; i += 2)
        {
            Assert.Equal(DtmfEventKind.KeyDown, events[i].Kind);
            Assert.Equal(DtmfEventKind.KeyUp, events[i + 1].Kind);
            Assert.Equal(events[i].Key, events[i + 1].Key);
            Assert.Equal(events[i].OnsetSample, events[i + 1].OnsetSample);
        }
    }
}
