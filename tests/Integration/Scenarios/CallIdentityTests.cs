using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

/// <summary>What a bot reads through the SDK's typed models (not AdditionalData): who called, which number, from which participant.</summary>
public sealed class CallIdentityTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task IncomingCall_NotificationAndGet_TypedModelsGiveCallerAndDialledNumber()
    {
        var sim = await f.Simulator.StartAsync([Silence(5)], to: "+15551234", from: "+15557654");
        var inbox = f.Listener.Call(sim.CallId);
        var created = await inbox.WaitForAsync(n => n.ChangeType == "created", Timeouts.Notification, "created (incoming)");

        var notified = created.ToCall();
        var fetched = await f.Graph.Communications.Calls[sim.CallId].GetAsync();

        foreach (var call in new[] { notified, fetched! })
        {
            var caller = Assert.IsType<CommunicationsIdentitySet>(call.Source?.Identity);
            Assert.Equal("+15557654", caller.Phone?.Id);
            var bot = Assert.IsType<CommunicationsIdentitySet>(Assert.Single(call.Targets!).Identity);
            Assert.Equal("+15551234", bot.Phone?.Id);
            Assert.Equal(f.Server.ClientId, bot.Application?.Id);
            Assert.Equal(call.MyParticipantId, call.Targets![0].ParticipantId);
            Assert.False(string.IsNullOrEmpty(call.Source!.ParticipantId));
            Assert.Equal(call.Source.ParticipantId, call.IncomingContext?.SourceParticipantId);
            Assert.Empty(caller.AdditionalData);
        }

        await f.Simulator.HangUpAsync(sim.Id);
        await inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        Assert.Empty(f.Listener.Failures);
    }
}
