using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class StopToneInbandTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task RecordResponse_StopToneInband_CompletedAndCutBeforeTheTone()
    {
        const double speech = 1.2, gap = 0.3;
        var voice = RecordScenario.Voice(speech);

        var run = await RecordScenario.RunAsync(f, [WaitForBeep(), RecordScenario.Say(voice), Silence(gap), Dtmf('#', "inband"), Silence(3)]);

        RecordingAssert.Outcome(run.Completion, OperationStatus.Completed, 200, 8514, "stopToneDetected", run.Started.ClientContext);
        await RecordingAssert.DownloadedAsync(f, run, voice, speech + Math.Min(gap, RecordingAssert.TrailingSilenceKept));
        RecordingAssert.HeardPromptThenBeep(await f.Simulator.GetHeardAsync(run.Call.SimulatorId), RecordScenario.Prompt);
        await f.EndAsync(run.Call);
        RecordingAssert.Sequence(
            run.Call.Inbox.History,
            "created incoming", "updated establishing", "updated established", "deleted operation completed", "deleted terminated");
        Assert.Empty(f.Listener.Failures);
    }
}
