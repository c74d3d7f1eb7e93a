namespace Hark.Telephony.Tests;

public sealed class SipTargetsTests
{
    [Theory]
    [InlineData("sip:bob@192.0.2.99:5070", "sip:bob@192.0.2.99:5070")]
    [InlineData("SIP:bob@example.com", "SIP:bob@example.com")]
    [InlineData("+15550001", "sip:+15550001@trunk.example.com:5080")]
    public void Uri_WithTrunk_SipAsGivenNumbersThroughTheTrunk(string target, string expected)
    {
        var targets = new SipTargets(new SipOptions { Trunk = new SipTrunkOptions { Uri = new Uri("sip:trunk.example.com:5080") } });

        Assert.Equal(expected, targets.Uri(target));
    }

    [Fact]
    public void Uri_NoTrunk_NumberAsTelUri()
    {
        var targets = new SipTargets(new SipOptions());

        Assert.Equal("tel:+15550001", targets.Uri("+15550001"));
        Assert.Equal("sip:bob@192.0.2.99", targets.Uri("sip:bob@192.0.2.99"));
    }

    [Fact]
    public void TransferTimeout_FromOptions()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), new SipTargets(new SipOptions()).TransferTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), new SipTargets(new SipOptions { TransferTimeoutSeconds = 20 }).TransferTimeout);
    }
}
