using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class MaxDurationTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task RecordResponse_CallerTalksPastTheCap_CompletedAtTheCap()
    {
        const int cap = 2;
        var voice = RecordScenario.Voice(3.0);

        var run = await RecordScenario.RunAsync(
            f, [WaitForBeep(), RecordScenario.Say(voice), Silence(2)], b => b.MaxRecordDurationInSeconds = cap);

        RecordingAssert.Outcome(run.Completion, OperationStatus.Completed, 200, 8515, "maxRecordDurationReached", run.Started.ClientContext);

        // The cap counts from the speech onset, so the file is the first `cap` seconds of what was said.
        await RecordingAssert.DownloadedAsync(f, run, voice[..(cap * RecordScenario.CallerRate)], cap);
        await RecordingAssert.HeardPromptAndEndedNormallyAsync(f, run);
    }
}
