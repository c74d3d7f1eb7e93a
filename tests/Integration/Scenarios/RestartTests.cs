using System.Net;
using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class RestartTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task Restart_AfterARecording_OperationAndRecordingSurvive()
    {
        const double speech = 1.0;
        var voice = RecordScenario.Voice(speech);
        var run = await RecordScenario.RunAsync(
            f, [WaitForBeep(), RecordScenario.Say(voice), Silence(2), HangUp()], b => b.MaxSilenceTimeoutInSeconds = 1);
        RecordingAssert.Outcome(run.Completion, OperationStatus.Completed, 200, 8509, "maxSilenceTimeout", run.Started.ClientContext);
        var before = run.Completed;
        using (var first = await f.DownloadAsync(before.RecordingLocation!, before.RecordingAccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await run.Call.Inbox.WaitForStateAsync("terminated", Timeouts.Notification);

        await f.RestartAsync();

        var after = Assert.IsType<RecordOperation>(await f.Graph.Communications.Calls[run.Call.CallId].Operations[run.Started.Id].GetAsync());
        Assert.Equal(OperationStatus.Completed, after.Status);
        Assert.Equal(8509, after.ResultInfo?.Subcode);
        Assert.Equal(before.RecordingLocation, after.RecordingLocation);
        Assert.Equal(before.ClientContext, after.ClientContext);
        using var download = await f.DownloadAsync(before.RecordingLocation!, before.RecordingAccessToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        RecordingAssert.Wav(await download.Content.ReadAsByteArrayAsync(), voice, speech + RecordingAssert.TrailingSilenceKept);
        Assert.Empty(f.Listener.Failures);
    }
}
