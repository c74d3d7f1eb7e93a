using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.PlayPrompt;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class PlayPromptTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task PlayPrompt_Wav_CompletesAndTheCallerHearsIt()
    {
        var prompt = TestSignals.Chirp(16000, 1.0, 400, 2800);
        var uri = f.Listener.AddPrompt("hello.wav", WavFile.Encode(prompt, 16000));
        var call = await f.ConnectAsync(Silence(6));
        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };

        var play = await f.Graph.Communications.Calls[call.CallId].PlayPrompt.PostAsync(
            new PlayPromptPostRequestBody
            {
                Prompts = [new MediaPrompt { MediaInfo = new MediaInfo { Uri = uri.ToString(), ResourceId = Guid.NewGuid().ToString() } }],
                ClientContext = "play-ctx",
            },
            r => r.Options.Add(headers));

        Assert.NotNull(play?.Id);
        Assert.Equal(OperationStatus.Running, play.Status);
        Assert.EndsWith($"/communications/calls/{call.CallId}/operations/{play.Id}", headers.ResponseHeaders["Location"].Single(), StringComparison.Ordinal);
        var done = await call.Inbox.WaitForOperationAsync(play.Id, Timeouts.Operation);
        RecordingAssert.Outcome(done, OperationStatus.Completed, 200, 0, completionReason: null, "play-ctx");
        Assert.IsType<PlayPromptOperation>(done.ToOperation());

        // The completion can come before the caller heard the prompt's end (see the report on pacing):
        // poll what it heard until the prompt is all there.
        var heard = WavFile.Decode(await f.Simulator.GetHeardAsync(call.SimulatorId));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        for (var i = 0; i < 30 && Correlation.Locate(heard.Samples, prompt, 16000) is null && await timer.WaitForNextTickAsync(); i++)
        {
            heard = WavFile.Decode(await f.Simulator.GetHeardAsync(call.SimulatorId));
        }

        Assert.True(
            Correlation.Locate(heard.Samples, prompt, 16000) is not null,
            "The prompt is not in what the caller heard (per 0.1 s piece, start offset:score = "
            + Correlation.DescribePieces(heard.Samples, prompt, 16000) + ").");
        await f.EndAsync(call);
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task RecordResponse_PromptCannotBeFetched_FailsWithPlayPromptFailedAndTheCallStaysUp()
    {
        var call = await f.ConnectAsync(Silence(8));
        var body = RecordScenario.Request(f.Listener.PromptUri("missing.wav"));

        var started = await f.Graph.Communications.Calls[call.CallId].RecordResponse.PostAsync(body);

        Assert.NotNull(started?.Id);
        var done = await call.Inbox.WaitForOperationAsync(started.Id, Timeouts.Operation);
        RecordingAssert.Outcome(done, OperationStatus.Failed, 400, 8511, "playPromptFailed", body.ClientContext);
        RecordingAssert.NoRecording(new RecordResult(call, started, done));
        Assert.True(f.Listener.PromptFetches("missing.wav") >= 1);
        var live = await f.Graph.Communications.Calls[call.CallId].GetAsync();
        Assert.Equal(CallState.Established, live?.State);
        await f.EndAsync(call);
        Assert.Empty(f.Listener.Failures);
    }
}
