using Hark.Integration.Harness;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// Hark behind NAT: with <c>Hark:Sip:PublicAddress</c> set to 192.0.2.10 (TEST-NET-1, never routed) the 200 OK
/// must advertise that address in its Contact and SDP, while requests still reach Hark at the address it
/// listens on (as a NAT would forward them).
/// </summary>
public sealed class SipEdgePublicAddressTests(SipEdgePublicAddressTests.Fixture f) : IClassFixture<SipEdgePublicAddressTests.Fixture>
{
    private const string PublicAddress = "192.0.2.10";

    [Fact]
    public async Task Invite_PublicAddressSet_ContactAndSdpCarryItAndTheCallersByeStillGets200()
    {
        var (sipp, call) = await HarkSipp.AnsweredAsync(f, "uac-public-address.xml");
        var result = await sipp;

        // SIPp checked Contact, c= and o= (hard-coded 192.0.2.10 in the scenario), then its BYE got 200.
        Assert.True(result.AllCallsSucceeded, result.Describe());
        var terminated = await call.Inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        var seen = result.MessagesSeen();
        Assert.Matches($@"Contact: <sip:[^@>]*@{PublicAddress.Replace(".", @"\.", StringComparison.Ordinal)}:{f.Server.SipPort}[;>]", seen);
        Assert.Contains($"BYE sip:hark@{PublicAddress}:{f.Server.SipPort}", seen, StringComparison.Ordinal);
        Assert.Equal(4521, terminated.ToCall().ResultInfo?.Subcode);
        Assert.Empty(f.Listener.Failures);
    }

    public sealed class Fixture : HarkFixture
    {
        protected override IEnumerable<string> ExtraSettings => [$"--Hark:Sip:PublicAddress={PublicAddress}"];
    }
}
