using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class InitialSilenceTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task RecordResponse_CallerNeverSpeaks_FailedWithoutRecording()
    {
        var run = await RecordScenario.RunAsync(f, [WaitForBeep(), Silence(4)], b => b.InitialSilenceTimeoutInSeconds = 1);

        RecordingAssert.Outcome(run.Completion, OperationStatus.Failed, 400, 8510, "initialSilenceTimeout", run.Started.ClientContext);
        RecordingAssert.NoRecording(run);
        RecordingAssert.HeardPromptThenBeep(await f.Simulator.GetHeardAsync(run.Call.SimulatorId), RecordScenario.Prompt);

        // The timer starts when listening starts (after the beep), so the caller is still on when it fires.
        Assert.Equal("connected", (await f.Simulator.GetAsync(run.Call.SimulatorId)).State);
        await f.EndAsync(run.Call);
        RecordingAssert.Sequence(
            run.Call.Inbox.History,
            "created incoming", "updated establishing", "updated established", "deleted operation failed", "deleted terminated");
        Assert.Empty(f.Listener.Failures);
    }
}
