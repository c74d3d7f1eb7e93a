using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class BotHangUpTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task Delete_EstablishedCall_TerminatingThenTerminatedWith7000()
    {
        var call = await f.ConnectAsync(Silence(10));

        await f.Graph.Communications.Calls[call.CallId].DeleteAsync();

        await call.Inbox.WaitForStateAsync("terminating", Timeouts.Notification);
        var terminated = await call.Inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        Assert.Equal("deleted", terminated.ChangeType);
        var result = terminated.ToCall().ResultInfo;
        Assert.NotNull(result);
        Assert.Equal(200, result.Code);
        Assert.Equal(7000, result.Subcode);
        await f.Simulator.WaitForStateAsync(call.SimulatorId, "ended", Timeouts.Notification);
        RecordingAssert.Sequence(
            call.Inbox.History, "created incoming", "updated establishing", "updated established", "updated terminating", "deleted terminated");
        Assert.Empty(f.Listener.Failures);
    }
}
