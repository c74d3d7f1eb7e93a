using System.Text.Json;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.Mute;
using Microsoft.Graph.Communications.Calls.Item.PlayPrompt;
using Microsoft.Graph.Communications.Calls.Item.Unmute;
using Microsoft.Graph.Communications.Calls.Item.UpdateRecordingStatus;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Serialization.Json;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

/// <summary>participants, roster notifications, mute/unmute and updateRecordingStatus through the SDK's builders.</summary>
public sealed class ParticipantTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    private static List<Participant> Roster(ReceivedNotification n) =>
        [.. n.ResourceData.EnumerateArray().Select(p => new JsonParseNode(p).GetObjectValue(Participant.CreateFromDiscriminatorValue)!)];

    private static bool IsRoster(ReceivedNotification n) => n.ResourceUrl.EndsWith("/participants", StringComparison.Ordinal);

    [Fact]
    public async Task Participants_EstablishedCall_CallerAndBotAsGraphShowsThemAndRosterNotified()
    {
        var call = await f.ConnectAsync(Silence(10));
        var roster = await call.Inbox.WaitForAsync(IsRoster, Timeouts.Notification, "roster");

        var list = await f.Graph.Communications.Calls[call.CallId].Participants.GetAsync();
        var live = await f.Graph.Communications.Calls[call.CallId].GetAsync();

        Assert.Equal("updated", roster.ChangeType);
        var participants = list!.Value!;
        Assert.Equal(2, participants.Count);
        Assert.Equal(Roster(roster).Select(p => p.Id), participants.Select(p => p.Id));
        var caller = participants.Single(p => p.Id == live!.Source!.ParticipantId);
        var bot = participants.Single(p => p.Id == live!.MyParticipantId);
        Assert.Equal("+15550100", Assert.IsType<CommunicationsIdentitySet>(caller.Info!.Identity).Phone!.Id);
        Assert.Equal(f.Server.ClientId, bot.Info!.Identity!.Application!.Id);
        Assert.Equal(false, bot.IsMuted);
        var stream = Assert.Single(bot.MediaStreams!);
        Assert.Equal((Modality.Audio, MediaDirection.SendReceive, false), (stream.MediaType, stream.Direction, stream.ServerMuted));
        var one = await f.Graph.Communications.Calls[call.CallId].Participants[bot.Id].GetAsync();
        Assert.Equal(bot.Id, one!.Id);
        var missing = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].Participants["nobody"].GetAsync());
        Assert.Equal(404, missing.ResponseStatusCode);

        await f.EndAsync(call);
        var gone = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].Participants.GetAsync());
        Assert.Equal((404, "8522"), (gone.ResponseStatusCode, gone.Error?.Code));
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task Mute_DuringPrompt_CallerHearsDigitalSilenceUntilUnmuteAndRosterShowsIt()
    {
        var prompt = TestSignals.Tone(16000, 4.0, 440);
        var uri = f.Listener.AddPrompt("long-tone.wav", WavFile.Encode(prompt, 16000));
        var call = await f.ConnectAsync(Silence(15));
        await call.Inbox.WaitForAsync(IsRoster, Timeouts.Notification, "roster once established");
        var calls = f.Graph.Communications.Calls[call.CallId];
        var play = await calls.PlayPrompt.PostAsync(new PlayPromptPostRequestBody
        {
            Prompts = [new MediaPrompt { MediaInfo = new MediaInfo { Uri = uri.ToString(), ResourceId = Guid.NewGuid().ToString() } }],
        });
        await WaitUntilHeardAsync(call, seconds => ToneAnalysis.FindTone(seconds, 16000, 440).Count > 0);

        var muted = await calls.Mute.PostAsync(new MutePostRequestBody { ClientContext = "mute-ctx" });
        var mutedRoster = await call.Inbox.WaitForAsync(IsRoster, Timeouts.Notification, "roster after mute");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var unmuted = await calls.Unmute.PostAsync(new UnmutePostRequestBody { ClientContext = "unmute-ctx" });
        var unmutedRoster = await call.Inbox.WaitForAsync(IsRoster, Timeouts.Notification, "roster after unmute");
        await call.Inbox.WaitForOperationAsync(play!.Id!, Timeouts.Operation);

        Assert.Equal((OperationStatus.Completed, "mute-ctx"), (muted!.Status, muted.ClientContext));
        Assert.Equal("#microsoft.graph.muteParticipantOperation", muted.OdataType);
        Assert.Equal((OperationStatus.Completed, "unmute-ctx"), (unmuted!.Status, unmuted.ClientContext));
        Assert.True(Roster(mutedRoster)[1].IsMuted);
        Assert.True(Roster(mutedRoster)[1].MediaStreams![0].ServerMuted);
        Assert.False(Roster(unmutedRoster)[1].IsMuted);
        var heard = WavFile.Decode(await f.Simulator.GetHeardAsync(call.SimulatorId)).Samples;
        var runs = ToneAnalysis.FindTone(heard, 16000, 440);
        Assert.True(runs.Count >= 2, $"Expected the tone, a muted gap, then the tone again; tone runs: {string.Join(", ", runs)}");
        var gapStart = runs[0].End;
        var gapEnd = runs[1].Start;
        Assert.True(gapEnd - gapStart >= 0.8, $"The muted gap lasted {gapEnd - gapStart:F2} s.");
        var inside = heard.AsSpan((int)((gapStart + 0.05) * 16000), (int)((gapEnd - gapStart - 0.1) * 16000)).ToArray();
        Assert.True(inside.Max(s => Math.Abs((int)s)) <= 2, "The caller heard something other than silence while the bot was muted.");
        Assert.True(runs.Sum(r => r.End - r.Start) < 4.0 - 0.8, "A prompt played while muted is not replayed after unmute.");
        await f.EndAsync(call);
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task UpdateRecordingStatus_Recording_CompletedOperationAndBotsRecordingInfo()
    {
        var call = await f.ConnectAsync(Silence(10));
        await call.Inbox.WaitForAsync(IsRoster, Timeouts.Notification, "roster");

        var op = await f.Graph.Communications.Calls[call.CallId].UpdateRecordingStatus.PostAsync(
            new UpdateRecordingStatusPostRequestBody { Status = RecordingStatus.Recording, ClientContext = "rec-ctx" });
        var roster = await call.Inbox.WaitForAsync(IsRoster, Timeouts.Notification, "roster after updateRecordingStatus");
        var bot = await f.Graph.Communications.Calls[call.CallId].Participants[Roster(roster)[1].Id].GetAsync();

        Assert.Equal((OperationStatus.Completed, "rec-ctx"), (op!.Status, op.ClientContext));
        Assert.IsType<UpdateRecordingStatusOperation>(await f.Graph.Communications.Calls[call.CallId].Operations[op.Id].GetAsync());
        Assert.Equal(RecordingStatus.Recording, Roster(roster)[1].RecordingInfo?.RecordingStatus);
        Assert.Equal(RecordingStatus.Recording, bot!.RecordingInfo?.RecordingStatus);
        Assert.Equal(f.Server.ClientId, bot.RecordingInfo!.Initiator!.Application!.Id);
        var bad = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].UpdateRecordingStatus.PostAsync(
            new UpdateRecordingStatusPostRequestBody { ClientContext = "no-status" }));
        Assert.Equal(400, bad.ResponseStatusCode);
        await f.EndAsync(call);
        Assert.Empty(f.Listener.Failures);
    }

    private async Task WaitUntilHeardAsync(ConnectedCall call, Func<short[], bool> heard)
    {
        var deadline = DateTime.UtcNow + Timeouts.Operation;
        while (!heard(WavFile.Decode(await f.Simulator.GetHeardAsync(call.SimulatorId)).Samples))
        {
            Assert.True(DateTime.UtcNow < deadline, "The caller never heard the prompt.");
            await Task.Delay(100);
        }
    }
}
