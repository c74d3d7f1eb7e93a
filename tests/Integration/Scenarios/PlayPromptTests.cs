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
    public async Task PlayPrompt_BetaLoopTwo_TheCallerHearsThePromptTwiceBackToBack()
    {
        var prompt = TestSignals.Chirp(16000, 0.6, 500, 2500);
        var uri = f.Listener.AddPrompt("twice.wav", WavFile.Encode(prompt, 16000));
        var call = await f.ConnectAsync(Silence(6));

        // The v1.0 model has no loop; a beta client sends it as the open property it is there.
        var play = await f.GraphAt("beta").Communications.Calls[call.CallId].PlayPrompt.PostAsync(new PlayPromptPostRequestBody
        {
            Prompts = [new MediaPrompt { MediaInfo = new MediaInfo { Uri = uri.ToString() }, AdditionalData = { ["loop"] = 2 } }],
        });
        var done = await call.Inbox.WaitForOperationAsync(play!.Id!, Timeouts.Operation);
        RecordingAssert.Outcome(done, OperationStatus.Completed, 200, 0, completionReason: null, clientContext: null);

        // Wherever the best match lands, exactly one more copy sits right before or after it, and no third.
        var copies = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        for (var i = 0; i < 30 && copies != 2 && await timer.WaitForNextTickAsync(); i++)
        {
            copies = Copies(WavFile.Decode(await f.Simulator.GetHeardAsync(call.SimulatorId)).Samples, prompt);
        }

        Assert.Equal(2, copies);
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

    // How many back-to-back copies of prompt the heard audio holds around its best match.
    private static int Copies(short[] heard, short[] prompt)
    {
        var best = Correlation.Find(heard, prompt);
        if (best.Score < 0.9)
        {
            return 0;
        }

        var copies = 1;
        foreach (var step in new[] { -1, 1 })
        {
            for (var at = best.Offset + (step * prompt.Length); at >= 0 && at + prompt.Length <= heard.Length; at += step * prompt.Length)
            {
                // A few samples of slack: the copies follow each other exactly, but take the best nearby alignment.
                var from = Math.Max(0, at - 80);
                var window = heard[from..Math.Min(heard.Length, at + prompt.Length + 80)];
                if (Correlation.Find(window, prompt).Score < 0.9)
                {
                    break;
                }

                copies++;
            }
        }

        return copies;
    }
}
