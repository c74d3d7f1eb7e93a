using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.PlayPrompt;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class BargeInTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    private const double LeadTone = 0.3;
    private const double LongPart = 4.0;

    [Fact]
    public async Task RecordResponse_BargeInDuringLongPrompt_PromptCancelledAndRecordRuns()
    {
        const double speech = 1.2;
        var voice = RecordScenario.Voice(speech);

        // A 1 kHz lead-in lets the caller (and so the test) know the long prompt is audibly playing.
        var longPrompt = TestSignals.Concat(TestSignals.Tone(16000, LeadTone, 1000), TestSignals.Chirp(16000, LongPart, 3000, 300));
        var longUri = f.Listener.AddPrompt("long.wav", WavFile.Encode(longPrompt, 16000));
        var call = await f.ConnectAsync(WaitForBeep(), WaitForBeep(), RecordScenario.Say(voice), Silence(3));
        var play = await f.Graph.Communications.Calls[call.CallId].PlayPrompt.PostAsync(new PlayPromptPostRequestBody
        {
            Prompts = [new MediaPrompt { MediaInfo = new MediaInfo { Uri = longUri.ToString(), ResourceId = Guid.NewGuid().ToString() } }],
            ClientContext = "long-prompt",
        });
        Assert.NotNull(play?.Id);
        await f.Simulator.WaitForEventAsync(call.SimulatorId, "beepHeard", Timeouts.Operation);

        var run = await RecordScenario.RecordAsync(f, call, b =>
        {
            b.BargeInAllowed = true;
            b.MaxSilenceTimeoutInSeconds = 1;
        });

        var playDone = call.Inbox.History.Single(n => n.OperationId == play.Id);
        RecordingAssert.Outcome(playDone, OperationStatus.Failed, 400, 8508, completionReason: null, "long-prompt");
        RecordingAssert.Outcome(run.Completion, OperationStatus.Completed, 200, 8509, "maxSilenceTimeout", run.Started.ClientContext);
        await RecordingAssert.DownloadedAsync(f, run, voice, speech + RecordingAssert.TrailingSilenceKept);

        var heardWav = await f.Simulator.GetHeardAsync(call.SimulatorId);
        var questionAt = RecordingAssert.HeardPromptThenBeep(heardWav, RecordScenario.Prompt);
        var heard = WavFile.Decode(heardWav);
        var leadIn = ToneAnalysis.FindTone(heard.Samples, heard.SampleRate)[0];
        Assert.True(
            questionAt < leadIn.Start + LeadTone + LongPart - 0.5,
            $"The long prompt started at {leadIn.Start:F2} s and the record's prompt only at {questionAt:F2} s: no barge-in.");
        await f.EndAsync(call);
        RecordingAssert.Sequence(
            call.Inbox.History,
            "created incoming", "updated establishing", "updated established", "deleted operation failed", "deleted operation completed", "deleted terminated");
        Assert.Empty(f.Listener.Failures);
    }
}
