using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.Reject;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class RejectTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task Reject_IncomingCall_CallDeletedAndCallerGone()
    {
        var call = await f.PlaceCallAsync(Silence(5));
        var incoming = call.Incoming.ToCall();
        Assert.Equal(CallState.Incoming, incoming.State);
        Assert.Equal(CallDirection.Incoming, incoming.Direction);

        await f.Graph.Communications.Calls[call.CallId].Reject.PostAsync(new RejectPostRequestBody { Reason = RejectReason.Busy });

        await call.Inbox.WaitForAsync(n => n.OperationId is null && n.ChangeType == "deleted", Timeouts.Notification, "deleted");
        var sim = await f.Simulator.WaitForStateAsync(call.SimulatorId, "ended", Timeouts.Notification);
        Assert.DoesNotContain(sim.Events ?? [], e => e.Kind == "stepStarted");
        Assert.Equal("created", call.Inbox.History[0].ChangeType);
        Assert.Equal("deleted", call.Inbox.History[^1].ChangeType);
        Assert.DoesNotContain(call.Inbox.History, n => n.State is "establishing" or "established");
        Assert.Empty(f.Listener.Failures);
    }
}
