using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class MaxSilenceTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task RecordResponse_CallerFallsSilent_CompletedWithHalfASecondOfTrailingSilence()
    {
        const double speech = 1.2;
        var voice = RecordScenario.Voice(speech);

        var run = await RecordScenario.RunAsync(
            f, [WaitForBeep(), RecordScenario.Say(voice), Silence(3)], b => b.MaxSilenceTimeoutInSeconds = 1);

        RecordingAssert.Outcome(run.Completion, OperationStatus.Completed, 200, 8509, "maxSilenceTimeout", run.Started.ClientContext);
        await RecordingAssert.DownloadedAsync(f, run, voice, speech + RecordingAssert.TrailingSilenceKept);
        await RecordingAssert.HeardPromptAndEndedNormallyAsync(f, run);
    }

    [Fact]
    public async Task RecordResponse_VoiceRightAfterDigitalSilence_RecordedFromItsFirstFrame()
    {
        const double speech = 1.2;
        var voice = RecordScenario.Voice(speech);

        var run = await RecordScenario.RunAsync(
            // The beep is heard before it ends; the pause lets it end, in digital silence, before the caller speaks.
            f, [WaitForBeep(), Silence(0.4), RecordScenario.SayStraightAway(voice), Silence(3)], b => b.MaxSilenceTimeoutInSeconds = 1);

        RecordingAssert.Outcome(run.Completion, OperationStatus.Completed, 200, 8509, "maxSilenceTimeout", run.Started.ClientContext);
        await RecordingAssert.DownloadedAsync(f, run, voice, speech + RecordingAssert.TrailingSilenceKept);
        await f.EndAsync(run.Call);
        Assert.Empty(f.Listener.Failures);
    }
}
