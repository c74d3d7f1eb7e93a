using Hark.Integration.Harness;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>Runs one SIPp caller against a fixture's host, on a pool thread, with its messages traced.</summary>
internal static class HarkSipp
{
    /// <summary>Calls +15551234 (routed to the fixture's bot) with a scenario file from tests/data/sipp.</summary>
    public static Task<SippResult> CallAsync(HarkFixture fixture, string scenario) => Task.Run(() => Sipp.RunAsync(new SippOptions
    {
        Scenario = Path.Combine(SippScenarios.Directory, scenario),
        Remote = $"127.0.0.1:{fixture.Server.SipPort}",
        Service = "+15551234",
        TraceMessages = true,
    }, CancellationToken.None));
}
