using Hark.Calls.Media;
using Hark.Media.Dtmf;
using static Hark.Calls.Tests.Media.CallMediaProcessorRecordTests;

namespace Hark.Calls.Tests.Media;

/// <summary>OutboundIsIdle: which frames carry only silence or comfort noise (what the media edge may leave unsent).</summary>
public sealed class CallMediaProcessorIdleTests
{
    private static readonly short[] Quiet = new CallerAudio(8000, 10).ToPcm16();

    [Fact]
    public void ProcessFrame_NothingQueued_EveryFrameIdle()
    {
        var harness = new MediaHarness();

        harness.RunFrames(Quiet, 10);

        Assert.All(harness.IdleFrames, Assert.True);
    }

    [Fact]
    public void ProcessFrame_RecordWithPromptAndBeep_PromptAndBeepFramesCarrySound_ListeningIsIdle()
    {
        var harness = new MediaHarness();
        harness.Processor.EnqueueRecord("r", Request(initialSilence: 5, prompts: 1));
        harness.Processor.PromptLoaded("r", 0, CallerAudio.Sine(8000, 300, 0.5));

        harness.RunFrames(Quiet, 60);

        // 0.5 s of prompt (25 frames) and the 400 ms beep (20 frames) are sound; listening after them is idle.
        Assert.All(harness.IdleFrames.Take(45), Assert.False);
        Assert.All(harness.IdleFrames.Skip(45), Assert.True);
    }

    [Fact]
    public void ProcessFrame_PromptStillLoading_IdleUntilItPlays()
    {
        var harness = new MediaHarness();
        harness.Processor.EnqueuePlayPrompt("p", 1);
        harness.RunFrames(Quiet, 5);
        harness.Processor.PromptLoaded("p", 0, CallerAudio.Sine(8000, 440, 0.1));

        harness.RunFrames(Quiet, 8);

        Assert.Equal([true, true, true, true, true, false, false, false, false, false, true, true, true], harness.IdleFrames);
    }

    [Fact]
    public void ProcessFrame_InBandKeysGoingOut_NotIdle_UntilTheyEnd()
    {
        var harness = new MediaHarness();
        harness.Processor.EnqueueDtmfTones("d", [DtmfKey.Digit1], TimeSpan.FromMilliseconds(100));

        harness.RunFrames(Quiet, 20);

        Assert.False(harness.IdleFrames[0]);
        Assert.True(harness.IdleFrames[^1]);
    }

    [Fact]
    public void ProcessFrame_MutedDuringAPrompt_Idle()
    {
        var harness = new MediaHarness();
        harness.Processor.EnqueuePlayPrompt("p", 1);
        harness.Processor.PromptLoaded("p", 0, CallerAudio.Sine(8000, 440, 1));
        harness.Processor.SetMuted(true);

        harness.RunFrames(Quiet, 5);

        Assert.All(harness.IdleFrames, Assert.True);
    }
}
