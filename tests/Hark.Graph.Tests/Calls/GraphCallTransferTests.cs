using System.Text.Json;
using Hark.Calls.Lifecycle;
using Hark.Graph.Tests.Auth;

namespace Hark.Graph.Tests.Calls;

/// <summary>What a transfer and a redirect notify, as a bot's webhook receives it (the transport's outcome posted by hand).</summary>
public sealed class GraphCallTransferTests(SigningKeyFixture keys) : IClassFixture<SigningKeyFixture>
{
    [Fact]
    public async Task TransferAsync_TargetRefused_TransferringThenEstablishedWith500_7000AndNoRoster()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.AnswerAsync();
        var before = bed.Store.Outbox.Count;

        Assert.Equal(CallCommandError.None, await bed.Call.TransferAsync("+15550001"));
        Assert.Equal(CallCommandError.None, await bed.Transport.Actor!.ExecuteAsync(c => c.TransferAccepted()));
        Assert.Equal(CallCommandError.None, await bed.Transport.Actor!.ExecuteAsync(c => c.TransferFailed("The transfer target could not be reached (486 Busy Here).")));

        var data = bed.Store.Outbox.Skip(before).Select(m => ResourceData(m.Payload)).ToList();
        Assert.Equal(["transferring", "transferAccepted", "established"], data.Select(d => d.GetProperty("state").GetString()));
        var result = data[2].GetProperty("resultInfo");
        Assert.Equal((500, 7000, "The transfer target could not be reached (486 Busy Here)."), (result.GetProperty("code").GetInt32(), result.GetProperty("subcode").GetInt32(), result.GetProperty("message").GetString()));
        Assert.Equal(TransportAction.Transfer, bed.Transport.Actions[^1]);
    }

    [Fact]
    public async Task TransferAsync_Completed_TerminatedDeleted0_7015()
    {
        await using var bed = new CallTestBed(keys.Keys);
        await bed.AnswerAsync();

        await bed.Call.TransferAsync("sip:bob@192.0.2.99");
        await bed.Transport.Actor!.ExecuteAsync(c => c.TransferAccepted());
        await bed.Transport.Actor!.ExecuteAsync(c => c.TransferCompleted());

        var message = await bed.Store.WaitForNotificationAsync("\"state\":\"terminated\"");
        var notification = JsonDocument.Parse(message.Payload).RootElement.GetProperty("value")[0];
        Assert.Equal("deleted", notification.GetProperty("changeType").GetString());
        var result = notification.GetProperty("resourceData").GetProperty("resultInfo");
        Assert.Equal((0, 7015, "GracefulTransferCompleted"), (result.GetProperty("code").GetInt32(), result.GetProperty("subcode").GetInt32(), result.GetProperty("message").GetString()));
        Assert.Equal([TransportAction.Transfer, TransportAction.HangUp], bed.Transport.Actions.TakeLast(2));
    }

    [Fact]
    public async Task RedirectAsync_Ringing_TerminatedToTheRedirectsCallback302_8607()
    {
        await using var bed = new CallTestBed(keys.Keys);

        Assert.Equal(CallCommandError.None, await bed.Call.RedirectAsync(["+15550001"], "https://bot.example.com/redirected"));

        var message = await bed.Store.WaitForNotificationAsync("\"state\":\"terminated\"");
        Assert.Equal("https://bot.example.com/redirected", message.TargetUri);
        var result = ResourceData(message.Payload).GetProperty("resultInfo");
        Assert.Equal((302, 8607), (result.GetProperty("code").GetInt32(), result.GetProperty("subcode").GetInt32()));
        Assert.Equal(TransportAction.Redirect, bed.Transport.Actions[^1]);
        Assert.Equal(CallCommandError.CallEnded, await bed.Call.AnswerAsync(null, "http://hark", []));
    }

    private static JsonElement ResourceData(string payload) =>
        JsonDocument.Parse(payload).RootElement.GetProperty("value")[0].GetProperty("resourceData").Clone();
}
