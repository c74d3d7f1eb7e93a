using Hark.Calls.Media;
using static Hark.Calls.Tests.Media.CallMediaProcessorRecordTests;

namespace Hark.Calls.Tests.Media;

/// <summary>The shared playPrompt/record queue: order, prompts, beep, cancel and barge-in.</summary>
public sealed class CallMediaProcessorQueueTests
{
    private static readonly short[] Quiet = new CallerAudio(8000, 10).ToPcm16();

    [Fact]
    public void ProcessFrame_RecordWithPrompt_PlaysPromptThenBeepThenListens()
    {
        var harness = new MediaHarness();
        var prompt = CallerAudio.Sine(8000, 300, 0.5);
        harness.Processor.EnqueueRecord("r", Request(initialSilence: 1, prompts: 1));
        harness.Processor.PromptLoaded("r", 0, prompt);

        harness.RunFrames(Quiet, 100);

        var heard = harness.Outbound;
        Assert.Equal(prompt, heard.AsSpan(0, 4000).ToArray());
        var beep = heard.AsSpan(4000, 3200); // 400 ms at 1 kHz
        Assert.True(CallerAudio.Amplitude(beep, 8000, 1000) > 5000);
        Assert.True(CallerAudio.Amplitude(beep, 8000, 300) < 100);
        Assert.True(CallerAudio.Rms(heard.AsSpan(7200, 800)) < 30, "comfort noise while listening");
        Assert.Equal(MediaCompletionReason.InitialSilenceTimeout, harness.Completion("r").Event.Reason);
    }

    [Fact]
    public void ProcessFrame_PromptNotLoaded_PlaysNoiseUntilLoaded()
    {
        var harness = new MediaHarness();
        var prompt = CallerAudio.Sine(8000, 440, 0.2);
        harness.Processor.EnqueuePlayPrompt("p", 1);
        harness.RunFrames(Quiet, 10);
        Assert.True(CallerAudio.Rms(harness.Outbound) < 30);
        Assert.Empty(harness.Events);

        harness.Processor.PromptLoaded("p", 0, prompt);
        harness.RunFrames(Quiet, 15);

        Assert.Equal(prompt, harness.Outbound.AsSpan(1600, 1600).ToArray());
        var (frames, done) = harness.Completion("p");
        Assert.Equal(20, frames);
        Assert.Equal(MediaCompletionReason.CompletedSuccessfully, done.Reason);
        Assert.Equal(new MediaResultInfo(MediaOperationStatus.Completed, 200, 0), done.Result);
    }

    [Fact]
    public void ProcessFrame_PlayPromptSeveralPrompts_PlaysThemInOrderBackToBack()
    {
        var harness = new MediaHarness();
        var first = CallerAudio.Sine(8000, 440, 0.13);
        var second = CallerAudio.Sine(8000, 660, 0.07);
        harness.Processor.EnqueuePlayPrompt("p", 2);
        harness.Processor.PromptLoaded("p", 1, second);
        harness.Processor.PromptLoaded("p", 0, first);

        harness.RunFrames(Quiet, 12);

        Assert.Equal([.. first, .. second], harness.Outbound.AsSpan(0, 1600).ToArray());
        Assert.Equal(10, harness.Completion("p").Frames);
    }

    [Fact]
    public void ProcessFrame_PromptLoopedThrice_PlaysItThreeTimesThenTheNextPromptOnce()
    {
        var harness = new MediaHarness();
        var looped = CallerAudio.Sine(8000, 440, 0.13);
        var next = CallerAudio.Sine(8000, 660, 0.07);
        harness.Processor.EnqueuePlayPrompt("p", 2);
        harness.Processor.PromptLoaded("p", 0, looped, plays: 3);
        harness.Processor.PromptLoaded("p", 1, next);

        harness.RunFrames(Quiet, 30);

        // 3 x 0.13 s + 0.07 s = 0.46 s: 23 frames, then comfort noise.
        Assert.Equal([.. looped, .. looped, .. looped, .. next], harness.Outbound.AsSpan(0, 3680).ToArray());
        Assert.Equal(23, harness.Completion("p").Frames);
        Assert.True(CallerAudio.Rms(harness.Outbound.AsSpan(3680)) < 30);
    }

    [Fact]
    public void PromptLoaded_NoPlays_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaHarness().Processor.PromptLoaded("p", 0, new short[160], plays: 0));

    [Fact]
    public void PromptFailed_FailsThatOperationAndTheNextOneRuns()
    {
        var harness = new MediaHarness();
        var next = CallerAudio.Sine(8000, 440, 0.1);
        harness.Processor.EnqueueRecord("r", Request(prompts: 1));
        harness.Processor.EnqueuePlayPrompt("p", 1);
        harness.Processor.PromptLoaded("p", 0, next);
        harness.RunFrames(Quiet, 3);

        Assert.True(harness.Processor.PromptFailed("r", 0, "404 from the prompt server"));
        harness.RunFrames(Quiet, 6);

        var completions = harness.Completions();
        Assert.Equal(MediaCompletionReason.PlayPromptFailed, completions[0].Reason);
        Assert.Equal(new MediaResultInfo(MediaOperationStatus.Failed, 400, 8511), completions[0].Result);
        Assert.Equal("404 from the prompt server", completions[0].Message);
        Assert.Null(completions[0].Recording);
        Assert.Equal(next, harness.Outbound.AsSpan(480, 800).ToArray());
        Assert.Equal(MediaCompletionReason.CompletedSuccessfully, completions[1].Reason);
        Assert.False(harness.Processor.IsEnded);
    }

    [Fact]
    public void CancelAll_RunningAndQueued_AllCancelledInOrderRecordingDiscarded()
    {
        var harness = new MediaHarness();
        var audio = new CallerAudio(8000, 3).Speech(1.0, 3.0).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request());
        harness.Processor.EnqueuePlayPrompt("p1", 1);
        harness.Processor.EnqueueRecord("r2", Request());
        harness.RunFrames(audio, 75); // recording since about 1.0 s

        harness.Processor.CancelAll();
        harness.Drain();

        var completions = harness.Completions();
        Assert.Equal(["r", "p1", "r2"], completions.Select(c => c.OperationId));
        Assert.All(completions, c => Assert.Equal(MediaCompletionReason.OperationCanceled, c.Reason));
        Assert.All(completions, c => Assert.Equal(new MediaResultInfo(MediaOperationStatus.Failed, 400, 8508), c.Result));
        Assert.All(completions, c => Assert.Null(c.Recording));
        Assert.Equal(["r"], harness.Sink.Opened);
        Assert.Equal(["r"], harness.Sink.DiscardedIds);
        Assert.Empty(harness.Sink.CompletedRecordings);
        Assert.Equal(0, harness.Processor.PendingOperations);
    }

    [Fact]
    public void EnqueuePlayPrompt_BargeIn_PreemptsAndStartsOnTheNextFrame()
    {
        var harness = new MediaHarness();
        var long1 = CallerAudio.Sine(8000, 300, 2);
        var urgent = CallerAudio.Sine(8000, 700, 0.2);
        harness.Processor.EnqueuePlayPrompt("p1", 1);
        harness.Processor.PromptLoaded("p1", 0, long1);
        harness.Processor.EnqueueRecord("r", Request());
        harness.RunFrames(Quiet, 10);

        harness.Processor.EnqueuePlayPrompt("p2", 1, bargeInAllowed: true);
        harness.Processor.PromptLoaded("p2", 0, urgent);
        harness.Drain();
        harness.RunFrames(Quiet, 10);

        var completions = harness.Completions();
        Assert.Equal(["p1", "r", "p2"], completions.Select(c => c.OperationId));
        Assert.Equal(MediaCompletionReason.OperationCanceled, completions[0].Reason);
        Assert.Equal(MediaCompletionReason.OperationCanceled, completions[1].Reason);
        Assert.Equal(MediaCompletionReason.CompletedSuccessfully, completions[2].Reason);
        Assert.Equal(long1.AsSpan(0, 1600).ToArray(), harness.Outbound.AsSpan(0, 1600).ToArray());
        Assert.Equal(urgent, harness.Outbound.AsSpan(1600, 1600).ToArray());
        Assert.Equal(20, harness.Completion("p2").Frames);
    }

    [Fact]
    public void EnqueueRecord_BargeInDuringPrompt_ListensAtOnce()
    {
        var harness = new MediaHarness();
        var audio = new CallerAudio(8000, 4).Speech(1.0, 1.6).ToPcm16();
        harness.Processor.EnqueuePlayPrompt("p", 1);
        harness.Processor.PromptLoaded("p", 0, CallerAudio.Sine(8000, 300, 3));
        harness.RunFrames(audio, 25);

        harness.Processor.EnqueueRecord("r", Request(maxSilence: 1) with { BargeInAllowed = true });
        harness.RunAll(audio);

        var completions = harness.Completions();
        Assert.Equal(["p", "r"], completions.Select(c => c.OperationId));
        Assert.Equal(MediaCompletionReason.OperationCanceled, completions[0].Reason);
        Assert.Equal(MediaCompletionReason.MaxSilenceTimeout, completions[1].Reason);
        Assert.InRange(completions[1].Recording!.Duration.TotalSeconds, 1.0, 1.2);
        Assert.True(CallerAudio.Rms(harness.Outbound.AsSpan(4000, 4000)) < 30, "the prompt stopped");
    }

    [Fact]
    public void Enqueue_BadArguments_Throw()
    {
        var processor = new CallMediaProcessor(8000, new MemoryRecordingSink());
        processor.EnqueuePlayPrompt("a", 1);

        Assert.Throws<ArgumentException>(() => processor.EnqueuePlayPrompt("a", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => processor.EnqueuePlayPrompt("b", 21));
        Assert.Throws<ArgumentOutOfRangeException>(() => processor.EnqueueRecord("c", Request(prompts: 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => processor.EnqueueRecord("d", Request(maxDuration: 121)));
        Assert.Throws<ArgumentOutOfRangeException>(() => processor.EnqueueRecord("e", Request(initialSilence: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => processor.PromptLoaded("a", 1, []));
        Assert.False(processor.PromptLoaded("gone", 0, []));
        Assert.Throws<ArgumentException>(() => processor.ProcessFrame(new short[240], new short[240]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CallMediaProcessor(44100, new MemoryRecordingSink()));
        var raised = new CallMediaOptions { Limits = new MediaOperationLimits { MaxTimeoutSeconds = 300 } };
        new CallMediaProcessor(8000, new MemoryRecordingSink(), raised).EnqueueRecord("f", Request(maxDuration: 300));
    }
}
