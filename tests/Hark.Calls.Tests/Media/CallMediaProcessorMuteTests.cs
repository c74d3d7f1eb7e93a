using Hark.Calls.Media;

namespace Hark.Calls.Tests.Media;

/// <summary>Server mute of the bot's audio: the caller hears digital silence, prompts included, and time runs on.</summary>
public sealed class CallMediaProcessorMuteTests
{
    private static readonly short[] Quiet = new CallerAudio(8000, 10).ToPcm16();

    [Fact]
    public void ProcessFrame_MutedDuringPrompt_SilenceWhileMutedPromptResumesWhereTimeHasGot()
    {
        var harness = new MediaHarness();
        var prompt = CallerAudio.Sine(8000, 440, 1.0);
        harness.Processor.EnqueuePlayPrompt("p", 1);
        harness.Processor.PromptLoaded("p", 0, prompt);
        harness.RunFrames(Quiet, 10);

        harness.Processor.SetMuted(true);
        harness.RunFrames(Quiet, 20);
        harness.Processor.SetMuted(false);
        harness.RunFrames(Quiet, 30);

        var heard = harness.Outbound;
        Assert.Equal(prompt.AsSpan(0, 1600).ToArray(), heard.AsSpan(0, 1600).ToArray());
        Assert.All(heard.AsSpan(1600, 3200).ToArray(), s => Assert.Equal(0, s));
        Assert.Equal(prompt.AsSpan(4800, 3200).ToArray(), heard.AsSpan(4800, 3200).ToArray());
        var (frames, done) = harness.Completion("p");
        Assert.Equal(50, frames);
        Assert.Equal(MediaCompletionReason.CompletedSuccessfully, done.Reason);
    }

    [Fact]
    public void ProcessFrame_MutedWhileIdle_DigitalSilenceNotComfortNoise()
    {
        var harness = new MediaHarness();
        harness.RunFrames(Quiet, 5);
        Assert.Contains(harness.Outbound, s => s != 0);

        harness.Processor.SetMuted(true);
        harness.RunFrames(Quiet, 5);

        Assert.True(harness.Processor.IsMuted);
        Assert.All(harness.Outbound.AsSpan(800).ToArray(), s => Assert.Equal(0, s));
    }

    [Fact]
    public void SetMuted_AfterCallEnded_Throws()
    {
        var harness = new MediaHarness();
        harness.Processor.CallEnded();

        Assert.Throws<InvalidOperationException>(() => harness.Processor.SetMuted(true));
    }
}
