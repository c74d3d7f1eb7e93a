using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.CancelMediaProcessing;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class CancelMediaProcessingTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task CancelMediaProcessing_WhileRecording_RecordFailsCancelledWithoutRecording()
    {
        var voice = RecordScenario.Voice(3.0);
        var call = await f.ConnectAsync(WaitForBeep(), RecordScenario.Say(voice), Silence(2));
        var promptUri = f.Listener.AddPrompt("question.wav", Audio.WavFile.Encode(RecordScenario.Prompt, 16000));
        var body = RecordScenario.Request(promptUri);
        var started = await f.Graph.Communications.Calls[call.CallId].RecordResponse.PostAsync(body);
        Assert.NotNull(started?.Id);

        // Cancel once the caller heard the beep, i.e. while the record is listening or recording.
        await f.Simulator.WaitForEventAsync(call.SimulatorId, "beepHeard", Timeouts.Operation);
        var cancel = await f.Graph.Communications.Calls[call.CallId].CancelMediaProcessing.PostAsync(
            new CancelMediaProcessingPostRequestBody { ClientContext = "cancel-ctx" });

        Assert.NotNull(cancel);
        Assert.Equal(OperationStatus.Completed, cancel.Status);
        Assert.Equal("cancel-ctx", cancel.ClientContext);
        var completion = await call.Inbox.WaitForOperationAsync(started.Id, Timeouts.Notification);
        var run = new RecordResult(call, started, completion);
        RecordingAssert.Outcome(completion, OperationStatus.Failed, 400, 8508, "operationCanceled", body.ClientContext);
        RecordingAssert.NoRecording(run);
        RecordingAssert.HeardPromptThenBeep(await f.Simulator.GetHeardAsync(call.SimulatorId), RecordScenario.Prompt);
        await f.EndAsync(call);
        RecordingAssert.Sequence(
            call.Inbox.History,
            "created incoming", "updated establishing", "updated established", "deleted operation failed", "deleted terminated");
        Assert.Empty(f.Listener.Failures);
    }
}
