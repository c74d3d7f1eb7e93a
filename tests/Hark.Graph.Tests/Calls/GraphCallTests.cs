using System.Text.Json;
using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Graph.Auth;
using Hark.Graph.Contracts;
using Hark.Graph.Tests.Auth;
using Hark.Media.Dtmf;
using CallState = Hark.Calls.Lifecycle.CallState;

namespace Hark.Graph.Tests.Calls;

public sealed class GraphCallTests(SigningKeyFixture keys) : IClassFixture<SigningKeyFixture>
{
    [Fact]
    public async Task Offer_NewCall_ApplicationNotifiedOfIncomingCall()
    {
        await using var bed = new CallTestBed(keys.Keys);

        var message = await bed.Store.WaitForNotificationAsync("\"state\":\"incoming\"");

        Assert.Equal(CallTestBed.AppCallback, message.TargetUri);
        Assert.Equal("bot", message.ApplicationId);
        var notification = JsonDocument.Parse(message.Payload).RootElement.GetProperty("value")[0];
        Assert.Equal("created", notification.GetProperty("changeType").GetString());
        Assert.Equal("/communications/calls/" + bed.Call.Info.Id, notification.GetProperty("resourceUrl").GetString());
        Assert.Equal("+15550100", notification.GetProperty("resourceData").GetProperty("source").GetProperty("identity").GetProperty("phone").GetProperty("id").GetString());
        Assert.Equal([TransportAction.SendRinging], bed.Transport.Actions);
    }

    [Fact]
    public async Task AnswerAsync_Answered_LaterNotificationsGoToAnswersCallback()
    {
        await using var bed = new CallTestBed(keys.Keys);

        await bed.AnswerAsync("https://bot.example.com/answered");

        var states = bed.Store.Outbox.Select(m => (m.TargetUri, State(m))).ToList();
        Assert.Equal(
            [
                (CallTestBed.AppCallback, "incoming"), ("https://bot.example.com/answered", "establishing"), ("https://bot.example.com/answered", "established"),
                ("https://bot.example.com/answered", "participants"),
            ],
            states);
        Assert.Contains("\"mediaState\":{\"@odata.type\":\"#microsoft.graph.callMediaState\",\"audio\":\"active\"}", bed.Store.Outbox[^2].Payload, StringComparison.Ordinal);
        var row = await bed.Store.GetCallAsync(bed.Call.Info.Id, default);
        Assert.Equal(nameof(CallState.Established), row!.State);
    }

    [Fact]
    public async Task RecordAsync_NoSpeech_FailsWithInitialSilenceAndEmptyLocation()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.AnswerAsync();

        var (error, started) = await bed.Call.RecordAsync(
            new RecordRequest { InitialSilenceTimeoutInSeconds = 1, PlayBeep = false }, [], "ctx-1");
        Assert.Equal(CallCommandError.None, error);
        Assert.Equal(OperationStatus.Running, started!.Status);
        bed.Transport.PushSilence(1.2);
        var message = await bed.Store.WaitForNotificationAsync("8510");

        var data = JsonDocument.Parse(message.Payload).RootElement.GetProperty("value")[0].GetProperty("resourceData");
        Assert.Equal("failed", data.GetProperty("status").GetString());
        Assert.Equal(400, data.GetProperty("resultInfo").GetProperty("code").GetInt32());
        Assert.Equal("initialSilenceTimeout", data.GetProperty("completionReason").GetString());
        Assert.Equal("", data.GetProperty("recordingLocation").GetString());
        Assert.Equal("", data.GetProperty("recordingAccessToken").GetString());
        Assert.Equal("ctx-1", data.GetProperty("clientContext").GetString());
        var row = await bed.Store.GetOperationAsync(bed.Call.Info.Id, started.Id!, default);
        Assert.Equal("failed", row!.Status);
    }

    [Fact]
    public async Task RecordAsync_CallerHangsUpWhileListening_RecordingKeptAndNotifiedBeforeTerminated()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.AnswerAsync();
        var (_, started) = await bed.Call.RecordAsync(new RecordRequest { PlayBeep = false }, [], null);
        bed.Transport.PushSilence(0.4);

        await bed.Transport.Actor!.ExecuteAsync(c => c.RemoteHungUp());
        await bed.Store.WaitForNotificationAsync("\"state\":\"terminated\"");

        var outbox = bed.Store.Outbox;
        var completed = outbox.ToList().FindIndex(m => m.Payload.Contains("/operations/" + started!.Id, StringComparison.Ordinal));
        var terminated = outbox.ToList().FindIndex(m => State(m) == "terminated");
        Assert.InRange(completed, 0, terminated - 1);
        var data = JsonDocument.Parse(outbox[completed].Payload).RootElement.GetProperty("value")[0].GetProperty("resourceData");
        Assert.Equal("completed", data.GetProperty("status").GetString());
        Assert.Equal(MediaResultCodes.CallerHungUpSubcode, data.GetProperty("resultInfo").GetProperty("subcode").GetInt32());
        var location = data.GetProperty("recordingLocation").GetString()!;
        Assert.StartsWith("http://hark.test/hark/v1/recordings/", location, StringComparison.Ordinal);
        var recordingId = location[(location.LastIndexOf('/') + 1)..];
        Assert.Equal(TokenValidationError.None, bed.Tokens.Validate(data.GetProperty("recordingAccessToken").GetString(), recordingId));
        Assert.NotNull(await bed.Store.GetRecordingAsync(recordingId, default));
        Assert.True(bed.Store.HasFile(recordingId));
    }

    [Fact]
    public async Task RecordAsync_PromptCannotBeFetched_OperationEndsFailedNotRunning()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.AnswerAsync();

        var (_, started) = await bed.Call.RecordAsync(
            new RecordRequest { PromptCount = 1 }, [new MediaPrompt { MediaInfo = new MediaInfo { Uri = "https://prompts.example.com/missing.wav" } }], null);
        var failed = bed.Store.WaitForNotificationAsync("8511");
        while (!failed.IsCompleted)
        {
            // The engine reports the failure when the operation's turn comes, on a frame.
            bed.Transport.PushSilence(0.02);
            await Task.WhenAny(failed, Task.Delay(10));
        }

        var message = await failed;

        Assert.Contains("HTTP 404", message.Payload, StringComparison.Ordinal);
        var row = await bed.Store.GetOperationAsync(bed.Call.Info.Id, started!.Id!, default);
        Assert.Equal("failed", row!.Status);
        Assert.Equal(CallState.Established, bed.Call.State);
    }

    [Fact]
    public async Task PlayPromptAsync_PromptPlayed_CompletedSuccessfully()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.AnswerAsync();
        bed.Prompts.Prompts["https://p/hello.wav"] = new short[1600];

        var (_, started) = await bed.Call.PlayPromptAsync([new MediaPrompt { MediaInfo = new MediaInfo { Uri = "https://p/hello.wav" } }], "play-1");
        var pushing = Task.Run(async () =>
        {
            // The prompt arrives asynchronously; keep frames flowing until it has played.
            for (var i = 0; i < 100 && bed.Store.Outbox.All(m => !m.Payload.Contains(started!.Id!, StringComparison.Ordinal)); i++)
            {
                bed.Transport.PushSilence(0.1);
                await Task.Delay(5);
            }
        });
        var message = await bed.Store.WaitForNotificationAsync("/operations/" + started!.Id);
        await pushing;

        var data = JsonDocument.Parse(message.Payload).RootElement.GetProperty("value")[0].GetProperty("resourceData");
        Assert.Equal("#microsoft.graph.playPromptOperation", data.GetProperty("@odata.type").GetString());
        Assert.Equal("completed", data.GetProperty("status").GetString());
        Assert.Equal(200, data.GetProperty("resultInfo").GetProperty("code").GetInt32());
        Assert.Equal(0, data.GetProperty("resultInfo").GetProperty("subcode").GetInt32());
        Assert.True(bed.Transport.FramesSent > 0);
    }

    [Fact]
    public async Task CancelMediaProcessingAsync_WhileRecording_RecordCancelledAndCancelCompletes()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.AnswerAsync();
        var (_, record) = await bed.Call.RecordAsync(new RecordRequest { PlayBeep = false }, [], null);

        var (error, cancel) = await bed.Call.CancelMediaProcessingAsync("cancel-ctx");
        var message = await bed.Store.WaitForNotificationAsync("/operations/" + record!.Id);

        Assert.Equal(CallCommandError.None, error);
        Assert.Equal(OperationStatus.Completed, cancel!.Status);
        Assert.Contains("\"subcode\":8508", message.Payload, StringComparison.Ordinal);
        Assert.Contains("\"completionReason\":\"operationCanceled\"", message.Payload, StringComparison.Ordinal);
        Assert.Equal("completed", (await bed.Store.GetOperationAsync(bed.Call.Info.Id, cancel.Id!, default))!.Status);
    }

    [Fact]
    public async Task SubscribeToToneAsync_KeysPressed_UpdatedNotificationsWithIncreasingSequence()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.AnswerAsync();

        var (error, _) = await bed.Call.SubscribeToToneAsync(null);
        await bed.Transport.Actor!.ExecuteMediaAsync(m => m.OnKey(DtmfKey.Digit5, 0));
        await bed.Transport.Actor!.ExecuteMediaAsync(m => m.OnKey(DtmfKey.Pound, 800));
        var second = await bed.Store.WaitForNotificationAsync("\"tone\":\"pound\"");

        Assert.Equal(CallCommandError.None, error);
        var first = await bed.Store.WaitForNotificationAsync("\"tone\":\"tone5\"");
        Assert.Contains("\"sequenceId\":1", first.Payload, StringComparison.Ordinal);
        Assert.Contains("\"sequenceId\":2", second.Payload, StringComparison.Ordinal);
        Assert.Contains("\"changeType\":\"updated\"", second.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_BeforeAnswer_RefusedAsInvalidState()
    {
        await using var bed = new CallTestBed(keys.Keys);

        var (error, operation) = await bed.Call.RecordAsync(new RecordRequest(), [], null);

        Assert.Equal(CallCommandError.InvalidState, error);
        Assert.Null(operation);
    }

    [Fact]
    public async Task HangUpAsync_Established_TerminatingThenTerminatedEndedByBot()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.AnswerAsync();

        Assert.Equal(CallCommandError.None, await bed.Call.HangUpAsync());
        var terminated = await bed.Store.WaitForNotificationAsync("\"state\":\"terminated\"");

        Assert.Equal("terminating", State(bed.Store.Outbox[^2]));
        Assert.Contains("\"subcode\":7000", terminated.Payload, StringComparison.Ordinal);
        await bed.Call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull((await bed.Store.GetCallAsync(bed.Call.Info.Id, default))!.EndedAt);
    }

    // A roster notification (resourceData is the participants array) reads as "participants".
    private static string? State(Hark.Calls.Persistence.OutboxMessage message) =>
        JsonDocument.Parse(message.Payload).RootElement.GetProperty("value")[0].GetProperty("resourceData") is var data && data.ValueKind == JsonValueKind.Array
            ? "participants"
            : data.TryGetProperty("state", out var s) ? s.GetString() : null;
}
