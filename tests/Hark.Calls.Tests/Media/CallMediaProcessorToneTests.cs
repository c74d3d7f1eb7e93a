using Hark.Calls.Media;
using Hark.Media.Dtmf;
using static Hark.Calls.Tests.Media.CallMediaProcessorRecordTests;

namespace Hark.Calls.Tests.Media;

/// <summary>subscribeToTone: every press reported with increasing sequence ids, in-band or out-of-band, never twice.</summary>
public sealed class CallMediaProcessorToneTests
{
    [Fact]
    public void ProcessFrame_InBandKeysWhenSubscribed_ReportedWithSequenceIds()
    {
        var harness = new MediaHarness(16000);
        var audio = new CallerAudio(16000, 2).Dtmf(697, 1209, 0.5).Dtmf(941, 1336, 1.0).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request(initialSilence: 10)); // tones are reported during operations too
        harness.RunFrames(audio, 20);
        harness.Processor.SubscribeToTones();

        harness.RunAll(audio);

        var tones = harness.Events.Select(e => e.Event).OfType<ToneReceivedEvent>().ToList();
        Assert.Equal([1L, 2L], tones.Select(t => t.SequenceId));
        Assert.Equal([DtmfKey.Digit1, DtmfKey.Digit0], tones.Select(t => t.Key));
        Assert.InRange(tones[0].OnsetSample, 8000 - 160, 8000 + 160);
        Assert.Equal(1, harness.Processor.PendingOperations); // not a stop tone: the record goes on
    }

    [Fact]
    public void ProcessFrame_NotSubscribed_NoToneEvents()
    {
        var harness = new MediaHarness();
        harness.RunAll(new CallerAudio(8000, 1).Dtmf(697, 1209, 0.3).ToPcm16());

        Assert.Empty(harness.Events);
    }

    [Fact]
    public void OnKey_ThenSameKeyInBand_CountedOnce()
    {
        var harness = new MediaHarness();
        var audio = new CallerAudio(8000, 2).Dtmf(770, 1336, 0.5).Dtmf(770, 1336, 1.2).ToPcm16();
        harness.Processor.SubscribeToTones();
        harness.RunFrames(audio, 24);

        harness.Processor.OnKey(DtmfKey.Digit5, 4000);
        harness.Drain();
        harness.RunAll(audio);
        harness.Processor.OnKey(DtmfKey.Digit5, 9600);
        harness.Drain();

        var tones = harness.Events.Select(e => e.Event).OfType<ToneReceivedEvent>().ToList();
        Assert.Equal([1L, 2L], tones.Select(t => t.SequenceId));
        Assert.All(tones, t => Assert.Equal(DtmfKey.Digit5, t.Key));
    }
}
