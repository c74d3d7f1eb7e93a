using System.Text.Json;
using Hark.Calls.Lifecycle;
using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Calls;
using Hark.Graph.Tests.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Tests.Calls;

public sealed class CallHubTests(SigningKeyFixture keys) : IClassFixture<SigningKeyFixture>
{
    [Fact]
    public async Task StartAsync_CallLeftUnfinished_TerminatedAndBotNotified()
    {
        await using var bed = new CallTestBed(keys.Keys);
        var leftover = new StoredCall(
            "c-1", "bot", nameof(CallState.Established),
            """{"@odata.type":"#microsoft.graph.call","id":"c-1","state":"established","callbackUri":"https://bot/cb","mediaState":{"audio":"active"}}""",
            DateTimeOffset.UtcNow, null);
        var earlier = new OutboxMessage("n-1", "c-1", "bot", "https://bot/cb", """{"value":[{"sequenceNumber":1}]}""", DateTimeOffset.UtcNow);
        await bed.Store.SaveAsync(new CallStateChange { Call = leftover, Notifications = [earlier] }, default);
        using var hub = Hub(bed);

        await hub.StartAsync(default);

        var row = await bed.Store.GetCallAsync("c-1", default);
        Assert.Equal(nameof(CallState.Terminated), row!.State);
        Assert.NotNull(row.EndedAt);
        var message = await bed.Store.WaitForNotificationAsync("\"resourceUrl\":\"/communications/calls/c-1\"");
        Assert.Equal("https://bot/cb", message.TargetUri);
        var data = JsonDocument.Parse(message.Payload).RootElement.GetProperty("value")[0].GetProperty("resourceData");
        Assert.Equal("terminated", data.GetProperty("state").GetString());
        Assert.Equal(CallResultCodes.ServerLost.Subcode, data.GetProperty("resultInfo").GetProperty("subcode").GetInt32());
        Assert.False(data.TryGetProperty("mediaState", out _));
        Assert.Equal(2, JsonDocument.Parse(message.Payload).RootElement.GetProperty("value")[0].GetProperty("sequenceNumber").GetInt64());
    }

    [Fact]
    public async Task Offer_NumberNobodyTakes_NoCall()
    {
        await using var bed = new CallTestBed(keys.Keys);
        using var hub = Hub(bed);

        var call = hub.Offer(new IncomingCallOffer("+1555", "+1999", "http://hark.test"), new FakeTransport());

        Assert.Null(call);
        Assert.Equal(0, hub.Count);
    }

    [Fact]
    public async Task StopAsync_LiveCall_AbortedWithServerStopped()
    {
        await using var bed = new CallTestBed(keys.Keys);
        using var hub = Hub(bed);
        var call = hub.Offer(new IncomingCallOffer("+1555", "+1234", "http://hark.test"), new FakeTransport());

        await hub.StopAsync(default);

        Assert.NotNull(call);
        Assert.Equal(CallState.Terminated, call.State);
        var row = await bed.Store.GetCallAsync(call.Info.Id, default);
        Assert.Contains($"\"subcode\":{CallResultCodes.ServerStopped.Subcode}", row!.ResourceJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfferAndDial_ApplicationAtItsCap_RefusedUntilOneOfItsCallsEnds()
    {
        await using var bed = new CallTestBed(keys.Keys, calls: new CallOptions { MaxConcurrentPerApplication = 2 });
        using var hub = Hub(bed);
        var offer = new IncomingCallOffer("+1555", "+1234", "http://hark.test");
        var transports = 0;
        ICallTransport NewTransport()
        {
            transports++;
            return new FakeTransport();
        }

        var first = hub.Offer(offer, new FakeTransport(), out var none);
        var dialled = hub.Dial("bot", "+1999", null, null, "http://hark.test", NewTransport);
        var refused = hub.Offer(offer, new FakeTransport(), out var busy);
        var refusedDial = hub.Dial("bot", "+1999", null, null, "http://hark.test", NewTransport);

        Assert.NotNull(first);
        Assert.NotNull(dialled);
        Assert.Equal(OfferRefusal.None, none);
        Assert.Null(refused);
        Assert.Equal(OfferRefusal.ApplicationAtCapacity, busy);
        Assert.Null(refusedDial);
        Assert.Equal(1, transports);
        Assert.Equal(2, hub.CountOf("bot"));

        await first.HangUpAsync();
        await first.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (hub.CountOf("bot") != 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the ended call was never released");
            await Task.Delay(10);
        }

        Assert.NotNull(hub.Offer(offer, new FakeTransport(), out _));
        await hub.StopAsync(default);
    }

    [Fact]
    public async Task Offer_NoCapConfigured_OneApplicationMayHaveManyCalls()
    {
        await using var bed = new CallTestBed(keys.Keys);
        using var hub = Hub(bed);

        for (var i = 0; i < 50; i++)
        {
            Assert.NotNull(hub.Offer(new IncomingCallOffer("+1555", "+1234", "http://hark.test"), new FakeTransport()));
        }

        Assert.Equal(50, hub.CountOf("bot"));
        await hub.StopAsync(default);
    }

    private CallHub Hub(CallTestBed bed)
    {
        var directory = new ConfiguredApplicationDirectory(
            [new ApplicationRegistration { ClientId = "bot", ClientSecret = "s", Numbers = ["+1234"], CallbackUri = new Uri("https://bot/cb") }]);
        var tokens = new GraphTokenService(keys.Keys, Options.Create(new GraphAuthOptions()), TimeProvider.System);
        return new CallHub(bed.Services, directory, tokens, NullLogger<CallHub>.Instance);
    }
}
