using System.Net;
using System.Text.Json;
using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Serialization.Json;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

/// <summary>Hark's replayable notification log: sequenceNumber on every notification, and GET …/notifications?after=N.</summary>
public sealed class NotificationLogTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task NotificationLog_AfterACall_EveryNotificationExactlyAsSentNumberedAndDelivered()
    {
        var call = await f.ConnectAsync(Silence(1), HangUp());
        await call.Inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        var received = call.Inbox.History;

        // The bot may hold the last notification a moment before Hark has recorded the 2xx that settled it.
        var deadline = DateTime.UtcNow + Timeouts.Notification;
        var all = await GetLogAsync(call.CallId, "?after=0");
        while (!AllDelivered(all) && DateTime.UtcNow < deadline)
        {
            all.Dispose();
            await Task.Delay(100);
            all = await GetLogAsync(call.CallId, "?after=0");
        }

        using var log = all;
        var entries = log.RootElement.GetProperty("value").EnumerateArray().ToList();

        // What the bot received: numbered 1, 2, 3… in arrival order, which is the log's order.
        Assert.Equal(Enumerable.Range(1, received.Count).Select(i => (long?)i), received.Select(n => n.SequenceNumber));
        Assert.Equal(received.Count, entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            Assert.Equal(i + 1, entry.GetProperty("sequenceNumber").GetInt64());
            Assert.Equal(received[i].NotificationId, entry.GetProperty("notificationId").GetString());
            Assert.Equal("delivered", entry.GetProperty("delivery").GetProperty("status").GetString());
            Assert.True(entry.GetProperty("delivery").GetProperty("attempts").GetInt32() >= 1);
            var sent = entry.GetProperty("payload").GetProperty("value")[0];
            Assert.Equal(i + 1, sent.GetProperty("sequenceNumber").GetInt64());
            Assert.Equal(received[i].ResourceUrl, sent.GetProperty("resourceUrl").GetString());
            Assert.Equal(received[i].ResourceData.GetRawText(), sent.GetProperty("resourceData").GetRawText());
        }

        // A bot replays the log through the SDK's models as it would the webhooks themselves.
        var last = entries[^1].GetProperty("payload").GetProperty("value")[0].GetProperty("resourceData");
        var terminated = new JsonParseNode(last).GetObjectValue(Call.CreateFromDiscriminatorValue);
        Assert.Equal(CallState.Terminated, terminated?.State);
        Assert.Equal(4521, terminated?.ResultInfo?.Subcode);
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task NotificationLog_AfterN_OnlyLaterOnesAndNoneBeyondTheEnd()
    {
        var call = await f.ConnectAsync(Silence(1), HangUp());
        await call.Inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        var count = call.Inbox.History.Count;

        using var later = await GetLogAsync(call.CallId, "?after=2");
        using var none = await GetLogAsync(call.CallId, $"?after={count}");

        Assert.Equal(
            Enumerable.Range(3, count - 2).Select(i => (long)i),
            later.RootElement.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("sequenceNumber").GetInt64()));
        Assert.Equal(0, none.RootElement.GetProperty("value").GetArrayLength());
    }

    [Theory]
    [InlineData("?after=-1")]
    [InlineData("?after=x")]
    [InlineData("?after=1&after=2")]
    public async Task NotificationLog_BadAfter_GraphShaped400(string query)
    {
        var call = await f.PlaceCallAsync(Silence(1));

        using var request = f.Request(HttpMethod.Get, $"/hark/v1/calls/{call.CallId}/notifications{query}");
        using var response = await f.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("BadRequest", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        await f.Simulator.HangUpAsync(call.SimulatorId);
    }

    [Fact]
    public async Task NotificationLog_AnotherApplicationOrNoToken_404Or401()
    {
        var call = await f.PlaceCallAsync(Silence(1));
        var otherToken = await GraphClients.GetTokenAsync(f.Http, f.BaseUri, f.LimitedClientId, f.LimitedClientSecret);

        using var other = new HttpRequestMessage(HttpMethod.Get, new Uri(f.BaseUri, $"/hark/v1/calls/{call.CallId}/notifications"));
        other.Headers.Authorization = new("Bearer", otherToken);
        using var otherResponse = await f.Http.SendAsync(other);
        using var anonymous = await f.Http.GetAsync(new Uri(f.BaseUri, $"/hark/v1/calls/{call.CallId}/notifications"));

        Assert.Equal(HttpStatusCode.NotFound, otherResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await f.Simulator.HangUpAsync(call.SimulatorId);
    }

    private static bool AllDelivered(JsonDocument log) =>
        log.RootElement.GetProperty("value").EnumerateArray().All(e => e.GetProperty("delivery").GetProperty("status").GetString() == "delivered");

    private async Task<JsonDocument> GetLogAsync(string callId, string query)
    {
        using var request = f.Request(HttpMethod.Get, $"/hark/v1/calls/{callId}/notifications{query}");
        using var response = await f.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }
}
