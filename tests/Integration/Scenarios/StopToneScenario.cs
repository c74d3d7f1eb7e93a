using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

/// <summary>Speech, a short pause, then # as a stop tone sent <c>mode</c>-wise; the tone's audio is not in the file.</summary>
public static class StopToneScenario
{
    public static async Task RunAsync(HarkFixture f, string mode)
    {
        const double speech = 1.2, gap = 0.3;
        var voice = RecordScenario.Voice(speech);

        var run = await RecordScenario.RunAsync(f, [WaitForBeep(), RecordScenario.Say(voice), Silence(gap), Dtmf('#', mode), Silence(3)]);

        RecordingAssert.Outcome(run.Completion, OperationStatus.Completed, 200, 8514, "stopToneDetected", run.Started.ClientContext);
        await RecordingAssert.DownloadedAsync(f, run, voice, speech + Math.Min(gap, RecordingAssert.TrailingSilenceKept));
        await RecordingAssert.HeardPromptAndEndedNormallyAsync(f, run);
    }
}
