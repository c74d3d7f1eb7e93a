using Hark.Calls.Media;
using Hark.Media.Dtmf;

namespace Hark.Calls.Tests.Media;

/// <summary>sendDtmfTones: in-band tones the caller hears, with the requested silence between them, or RFC 4733 decisions.</summary>
public sealed class CallMediaProcessorDtmfSendTests
{
    private static readonly short[] Quiet = new short[8000 * 10];

    private static List<(DtmfKey Key, long Onset)> Detect(short[] audio, int rate)
    {
        var detector = new DtmfDetector(rate);
        var keys = new List<(DtmfKey, long)>();
        for (var at = 0; at + (rate / 50) <= audio.Length; at += rate / 50)
        {
            var e = detector.Process(audio.AsSpan(at, rate / 50));
            while (e.Kind != DtmfEventKind.None)
            {
                if (e.Kind == DtmfEventKind.KeyDown)
                {
                    keys.Add((e.Key, e.OnsetSample));
                }

                if (!detector.TryRead(out e))
                {
                    break;
                }
            }
        }

        return keys;
    }

    [Fact]
    public void ProcessFrame_ThreeTonesWithDelay_CallerHearsThemInOrderSpacedAndOperationCompletes()
    {
        var harness = new MediaHarness(options: CallMediaOptions.Default with { ComfortNoiseLevelDbfs = null });
        harness.Processor.EnqueueDtmfTones("d", [DtmfKey.Digit1, DtmfKey.Digit5, DtmfKey.Pound], TimeSpan.FromMilliseconds(300));

        harness.RunFrames(Quiet, 60);

        var heard = harness.Outbound;
        var keys = Detect(heard, 8000);
        Assert.Equal([DtmfKey.Digit1, DtmfKey.Digit5, DtmfKey.Pound], keys.Select(k => k.Key));
        Assert.InRange(keys[1].Onset - keys[0].Onset, 3200 - 80, 3200 + 80); // 100 ms tone + 300 ms delay
        Assert.InRange(keys[2].Onset - keys[1].Onset, 3200 - 80, 3200 + 80);
        Assert.All(heard.AsSpan(800, 2400).ToArray(), s => Assert.Equal(0, s)); // the delay is silence
        var (frames, done) = harness.Completion("d");
        Assert.Equal(45, frames); // 3 × 100 ms of tone + 2 × 300 ms of delay = 900 ms
        Assert.Equal(MediaOperationKind.SendDtmfTones, done.Kind);
        Assert.Equal(new MediaResultInfo(MediaOperationStatus.Completed, 200, 0), done.Result);
    }

    [Fact]
    public void ProcessFrame_OutOfBand_EventPerKeyAtItsStartAndNoToneInTheAudio()
    {
        var harness = new MediaHarness(options: CallMediaOptions.Default with { ComfortNoiseLevelDbfs = null });
        harness.Processor.EnqueueDtmfTones("d", [DtmfKey.Star, DtmfKey.Digit0], TimeSpan.FromMilliseconds(200), outOfBand: true);

        harness.RunFrames(Quiet, 30);

        var started = harness.Events.Where(e => e.Event is DtmfToneStartedEvent).ToList();
        Assert.Equal([(1L, DtmfKey.Star), (16L, DtmfKey.Digit0)], started.Select(e => (e.Frames, ((DtmfToneStartedEvent)e.Event).Key)));
        Assert.All(started, e => Assert.Equal(CallMediaProcessor.DtmfToneDuration, ((DtmfToneStartedEvent)e.Event).Duration));

        // The same keys in the same frames for a media edge that starts the events on the frame's own thread.
        Assert.Equal([(1L, DtmfKey.Star), (16L, DtmfKey.Digit0)], harness.KeysStarted);
        Assert.Empty(Detect(harness.Outbound, 8000));
        Assert.Equal(20, harness.Completion("d").Frames);
    }

    [Fact]
    public void CancelAll_WhileSending_CancelledAndTheRestNotSent()
    {
        var harness = new MediaHarness(options: CallMediaOptions.Default with { ComfortNoiseLevelDbfs = null });
        harness.Processor.EnqueueDtmfTones("d", [DtmfKey.Digit1, DtmfKey.Digit2], TimeSpan.FromMilliseconds(500));
        harness.RunFrames(Quiet, 10);

        harness.Processor.CancelAll();
        harness.Drain();
        harness.RunFrames(Quiet, 50);

        Assert.Equal(MediaCompletionReason.OperationCanceled, harness.Completion("d").Event.Reason);
        Assert.Equal([DtmfKey.Digit1], Detect(harness.Outbound, 8000).Select(k => k.Key));
        Assert.Equal(0, harness.Processor.PendingDtmfSends);
    }

    [Fact]
    public void EnqueueDtmfTones_FlashInBand_Throws()
    {
        var harness = new MediaHarness();

        Assert.Throws<ArgumentException>(() => harness.Processor.EnqueueDtmfTones("d", [DtmfKey.Flash], TimeSpan.Zero));
    }
}
