using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class CallerHangUpTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task RecordResponse_CallerHangsUpMidRecording_RecordingKeptAndNotifiedBeforeTerminated()
    {
        const double speech = 1.2;
        var voice = RecordScenario.Voice(speech);

        var run = await RecordScenario.RunAsync(f, [WaitForBeep(), RecordScenario.Say(voice), HangUp()]);

        RecordingAssert.Outcome(run.Completion, OperationStatus.Completed, 200, 8516, completionReason: null, run.Started.ClientContext);

        // Hung up straight after speaking: nothing to trim, the file is the speech.
        await RecordingAssert.DownloadedAsync(f, run, voice, speech);
        RecordingAssert.HeardPromptThenBeep(await f.Simulator.GetHeardAsync(run.Call.SimulatorId), RecordScenario.Prompt);
        var terminated = await run.Call.Inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        Assert.Equal("deleted", terminated.ChangeType);
        Assert.NotNull(terminated.ToCall().ResultInfo);
        RecordingAssert.Sequence(
            run.Call.Inbox.History,
            "created incoming", "updated establishing", "updated established", "deleted operation completed", "deleted terminated");
        Assert.Empty(f.Listener.Failures);
    }
}
