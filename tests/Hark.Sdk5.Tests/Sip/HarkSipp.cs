using Hark.Integration.Harness;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>SIPp as a caller of a fixture's host: how the tests start it and bring its call to the bot.</summary>
internal static class HarkSipp
{
    /// <summary>
    /// One run of a scenario (a file name in tests/data/sipp, or a full path) calling +15551234, which the
    /// fixture's bot takes, at <paramref name="remote"/> (default: the fixture's SIP port), messages traced.
    /// </summary>
    public static SippOptions Options(HarkFixture fixture, string scenario, string? remote = null) => new()
    {
        Scenario = Path.Combine(SippScenarios.Directory, scenario),
        Remote = remote ?? $"127.0.0.1:{fixture.Server.SipPort}",
        Service = "+15551234",
        TraceMessages = true,
    };

    /// <summary>Starts SIPp on a pool thread; the task ends with its run.</summary>
    public static Task<SippResult> Start(SippOptions options) => Task.Run(() => Sipp.RunAsync(options, CancellationToken.None));

    /// <summary>
    /// Starts SIPp and waits until Hark offers its call to the bot (state incoming). A SIPp that gives up first
    /// ends the wait with its account, and with <paramref name="describe"/>'s (say, a proxy's log).
    /// </summary>
    public static async Task<(Task<SippResult> Sipp, ConnectedCall Call)> OfferedAsync(
        HarkFixture fixture, SippOptions options, Func<string>? describe = null)
    {
        var known = fixture.Listener.CallIds;
        var sipp = Start(options);
        var failed = sipp.ContinueWith(
            t => Assert.True(t.Result.AllCallsSucceeded, t.Result.Describe() + describe?.Invoke()), TaskScheduler.Default);
        var callId = await fixture.Listener.WaitForNewCallAsync(known, Timeouts.Notification, failed);
        var inbox = fixture.Listener.Call(callId);
        return (sipp, new ConnectedCall("", callId, inbox, await inbox.WaitForStateAsync("incoming", Timeouts.Notification)));
    }

    /// <summary><see cref="OfferedAsync"/> for <paramref name="scenario"/>, then the bot answers and the call is established.</summary>
    public static async Task<(Task<SippResult> Sipp, ConnectedCall Call)> AnsweredAsync(HarkFixture fixture, string scenario)
    {
        var (sipp, call) = await OfferedAsync(fixture, Options(fixture, scenario));
        await fixture.AnswerAsync(call);
        return (sipp, call);
    }
}
