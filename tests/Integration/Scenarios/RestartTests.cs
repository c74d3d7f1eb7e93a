using System.Net;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
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

    [Fact]
    public async Task Restart_MidRecording_RecordingKeptCallEndedAndBothNotified()
    {
        const double speech = 1.0;
        var voice = RecordScenario.Voice(speech);
        var call = await f.ConnectAsync(WaitForBeep(), RecordScenario.Say(voice), Silence(60));
        var body = RecordScenario.Request(f.Listener.AddPrompt("restart-question.wav", WavFile.Encode(RecordScenario.Prompt, 16000)));
        body.MaxSilenceTimeoutInSeconds = 60;
        body.MaxRecordDurationInSeconds = 60;
        var started = await f.Graph.Communications.Calls[call.CallId].RecordResponse.PostAsync(body);

        // Stop Hark while the caller is silent after speaking: the record is still listening for more.
        var deadline = DateTime.UtcNow + Timeouts.Operation;
        while ((await f.Simulator.GetAsync(call.SimulatorId)).Events?.Any(e => e.Kind == "stepStarted" && e.Step == 2) != true)
        {
            Assert.True(DateTime.UtcNow < deadline, "The caller never finished speaking.");
            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(0.8));
        await f.RestartAsync();

        var completion = await call.Inbox.WaitForOperationAsync(started!.Id!, Timeouts.Operation);
        var terminated = await call.Inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        Assert.True(call.Inbox.History.ToList().IndexOf(completion) < call.Inbox.History.ToList().IndexOf(terminated));
        var op = Assert.IsType<RecordOperation>(completion.ToOperation());
        Assert.Equal(OperationStatus.Completed, op.Status);
        Assert.Equal(8516, op.ResultInfo?.Subcode);
        Assert.Equal(8605, terminated.ToCall().ResultInfo?.Subcode);
        using var download = await f.DownloadAsync(op.RecordingLocation!, op.RecordingAccessToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        RecordingAssert.Wav(await download.Content.ReadAsByteArrayAsync(), voice, speech + RecordingAssert.TrailingSilenceKept);
        var gone = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].GetAsync());
        Assert.Equal((404, "8522"), (gone.ResponseStatusCode, gone.Error?.Code));
        Assert.Empty(f.Listener.Failures);
    }
}
