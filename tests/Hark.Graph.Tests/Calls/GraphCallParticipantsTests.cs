using System.Text.Json;
using Hark.Calls.Lifecycle;
using Hark.Graph.Contracts;
using Hark.Graph.Tests.Auth;

namespace Hark.Graph.Tests.Calls;

public sealed class GraphCallParticipantsTests(SigningKeyFixture keys) : IClassFixture<SigningKeyFixture>
{
    private static JsonElement Entry(Hark.Calls.Persistence.OutboxMessage message) =>
        JsonDocument.Parse(message.Payload).RootElement.GetProperty("value")[0];

    [Fact]
    public async Task AnswerAsync_MediaFlows_RosterOfCallerAndBotFollowsEstablished()
    {
        await using var bed = new CallTestBed(keys.Keys);

        await bed.AnswerAsync();

        var roster = Entry(bed.Store.Outbox[^1]);
        Assert.Equal("updated", roster.GetProperty("changeType").GetString());
        Assert.Equal($"/communications/calls/{bed.Call.Info.Id}/participants", roster.GetProperty("resourceUrl").GetString());
        var participants = roster.GetProperty("resourceData").EnumerateArray().ToList();
        Assert.Equal([bed.Call.Info.RemoteParticipantId, bed.Call.Info.MyParticipantId], participants.Select(p => p.GetProperty("id").GetString()));
        Assert.All(participants, p => Assert.Equal("#microsoft.graph.participant", p.GetProperty("@odata.type").GetString()));
        Assert.Equal("+15550100", participants[0].GetProperty("info").GetProperty("identity").GetProperty("phone").GetProperty("id").GetString());
        Assert.Equal("bot", participants[1].GetProperty("info").GetProperty("identity").GetProperty("application").GetProperty("id").GetString());
        Assert.False(participants[1].GetProperty("isMuted").GetBoolean());
        var stream = participants[1].GetProperty("mediaStreams")[0];
        Assert.Equal(("audio", "sendReceive", false), (stream.GetProperty("mediaType").GetString(), stream.GetProperty("direction").GetString(), stream.GetProperty("serverMuted").GetBoolean()));
    }

    [Fact]
    public async Task SetMutedAsync_MuteThenUnmute_CompletedOperationsAndRosterShowsEach()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.AnswerAsync();

        var (error, muted) = await bed.Call.SetMutedAsync(true, "m-1");
        var mutedRoster = Entry(bed.Store.Outbox[^1]).GetProperty("resourceData")[1];
        var (_, unmuted) = await bed.Call.SetMutedAsync(false, null);
        var unmutedRoster = Entry(bed.Store.Outbox[^1]).GetProperty("resourceData")[1];

        Assert.Equal(CallCommandError.None, error);
        var op = Assert.IsType<MuteParticipantOperation>(muted);
        Assert.Equal((OperationStatus.Completed, "m-1"), (op.Status, op.ClientContext));
        Assert.IsType<UnmuteParticipantOperation>(unmuted);
        Assert.True(mutedRoster.GetProperty("isMuted").GetBoolean());
        Assert.True(mutedRoster.GetProperty("mediaStreams")[0].GetProperty("serverMuted").GetBoolean());
        Assert.False(unmutedRoster.GetProperty("isMuted").GetBoolean());
        Assert.Equal("completed", (await bed.Store.GetOperationAsync(bed.Call.Info.Id, op.Id!, default))!.Status);
    }

    [Fact]
    public async Task SetMutedAsync_CallStillRinging_RefusedAndNothingNotified()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.Store.WaitForNotificationAsync("\"state\":\"incoming\"");

        var (error, op) = await bed.Call.SetMutedAsync(true, null);

        Assert.Equal(CallCommandError.InvalidState, error);
        Assert.Null(op);
        Assert.Single(bed.Store.Outbox);
    }

    [Fact]
    public async Task UpdateRecordingStatusAsync_Recording_BotsRecordingInfoShowsIt()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.AnswerAsync();

        var (error, op) = await bed.Call.UpdateRecordingStatusAsync(RecordingStatus.Recording, "r-1");

        Assert.Equal(CallCommandError.None, error);
        Assert.Equal(OperationStatus.Completed, Assert.IsType<UpdateRecordingStatusOperation>(op).Status);
        var info = Entry(bed.Store.Outbox[^1]).GetProperty("resourceData")[1].GetProperty("recordingInfo");
        Assert.Equal("recording", info.GetProperty("recordingStatus").GetString());
        Assert.Equal("bot", info.GetProperty("initiator").GetProperty("application").GetProperty("id").GetString());
        Assert.Equal(RecordingStatus.Recording, bed.Call.Participants()[1].RecordingInfo!.RecordingStatus);
        Assert.Null(bed.Call.Participants()[0].RecordingInfo);
    }

    [Fact]
    public async Task Notifications_EveryKind_SequenceNumbersCountFromOneWithoutGaps()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.AnswerAsync();
        await bed.Call.SetMutedAsync(true, null);
        await bed.Transport.Actor!.ExecuteAsync(c => c.RemoteHungUp());
        await bed.Store.WaitForNotificationAsync("\"state\":\"terminated\"");

        var numbers = bed.Store.Outbox.Select(m => Entry(m).GetProperty("sequenceNumber").GetInt64()).ToList();

        Assert.Equal(Enumerable.Range(1, numbers.Count).Select(i => (long)i), numbers);
        Assert.True(numbers.Count >= 6, string.Join(",", numbers));
    }

    [Fact]
    public async Task SendDtmfTonesAsync_TransportTakesEvents_KeysGoAsEventsAndOperationCompletes()
    {
        await using var bed = new CallTestBed(keys.Keys);
        bed.Transport.CanSendDtmfEvents = true;
        await bed.AnswerAsync();

        var (error, started) = await bed.Call.SendDtmfTonesAsync(
            [Hark.Media.Dtmf.DtmfKey.Digit9, Hark.Media.Dtmf.DtmfKey.Star], TimeSpan.FromMilliseconds(100), "d-1");
        bed.Transport.PushSilence(0.5);
        var message = await bed.Store.WaitForNotificationAsync("sendDtmfTonesOperation\",\"@odata.id\":\"/communications/calls/" + bed.Call.Info.Id + "/operations/" + started!.Id);

        Assert.Equal(CallCommandError.None, error);
        Assert.Equal(OperationStatus.Running, started.Status);
        Assert.Equal([Hark.Media.Dtmf.DtmfKey.Digit9, Hark.Media.Dtmf.DtmfKey.Star], bed.Transport.DtmfEvents.Select(e => e.Key));
        var data = Entry(message).GetProperty("resourceData");
        Assert.Equal(("completed", "completedSuccessfully", "d-1"), (data.GetProperty("status").GetString(), data.GetProperty("completionReason").GetString(), data.GetProperty("clientContext").GetString()));
    }
}
