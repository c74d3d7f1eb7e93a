using Hark.Integration.Harness;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

/// <summary>
/// Graph ends a call whose bot sends no keepAlive in time (408/8537). The host runs with a 4 s deadline
/// instead of 45 minutes; the bot's keepAlive every 2 s keeps the call up until it stops sending them.
/// </summary>
public sealed class KeepAliveTests(KeepAliveTests.Fixture f) : IClassFixture<KeepAliveTests.Fixture>
{
    private const int DeadlineSeconds = 4;

    [Fact]
    public async Task KeepAlive_SentThenStopped_CallLivesPastTheDeadlineThenEndsWith408And8537()
    {
        var call = await f.ConnectAsync(Silence(60));

        // Three keepAlives 2 s apart carry the call 6 s, past the first 4 s deadline: each one restarts it.
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(DeadlineSeconds / 2));
            await f.Graph.Communications.Calls[call.CallId].KeepAlive.PostAsync();
        }

        var terminated = await call.Inbox.WaitForStateAsync("terminated", TimeSpan.FromSeconds(DeadlineSeconds) + Timeouts.Notification);

        var result = terminated.ToCall().ResultInfo;
        Assert.Equal((408, 8537), (result?.Code, result?.Subcode));
        await f.Simulator.WaitForStateAsync(call.SimulatorId, "ended", Timeouts.Notification);
        RecordingAssert.Sequence(
            call.Inbox.History, "created incoming", "updated establishing", "updated established", "deleted terminated");
        Assert.Empty(f.Listener.Failures);
    }

    public sealed class Fixture : HarkFixture
    {
        protected override IEnumerable<string> ExtraSettings => [$"--Hark:Calls:KeepAliveTimeoutSeconds={DeadlineSeconds}"];
    }
}
