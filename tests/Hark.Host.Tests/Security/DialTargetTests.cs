using Hark.Graph.Validation;
using Hark.Sip.Messages;

namespace Hark.Host.Tests.Security;

/// <summary>Whatever the Graph layer lets through as an outgoing target must be a request-URI the SIP layer parses.</summary>
public sealed class DialTargetTests
{
    [Theory]
    [InlineData("+15551234")]
    [InlineData("alice")]
    [InlineData("sip:alice@example.com")]
    [InlineData("sip:+15551234@10.0.0.1:5062;transport=tcp")]
    [InlineData("sip:alice@[2001:db8::1]:5060;lr")]
    [InlineData("sip:example.com")]
    public void Check_ValidTarget_AcceptedAndParsedBySip(string target)
    {
        Assert.Null(DialTarget.Check(target));
        AssertSipParses(target);
    }

    [Fact]
    public void Check_RandomTargets_EveryAcceptedOneParsesAsSip()
    {
        const string Alphabet = "abcdefAZ0123456789+-_.!~*'()#;=:@[]?&%/ <>\"\\\r\n\0é";
        var random = new Random(4475);
        var accepted = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var length = random.Next(1, 24);
            var chars = new char[length];
            for (var j = 0; j < length; j++)
            {
                chars[j] = Alphabet[random.Next(Alphabet.Length)];
            }

            var target = (random.Next(2) == 0 ? "sip:" : "") + new string(chars);
            if (DialTarget.Check(target) is null)
            {
                accepted++;
                AssertSipParses(target);
            }
        }

        Assert.True(accepted > 1000, $"only {accepted} random targets were accepted; the generator tests too little");
    }

    // As the SIP endpoint dials: a sip: URI as is, anything else as the user part at the trunk.
    private static void AssertSipParses(string target)
    {
        var uri = target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) ? target : $"sip:{target}@127.0.0.1:5090";
        Assert.True(SipUri.TryParse(uri, out var parsed), uri);
        Assert.Empty(parsed.Headers);
        _ = SipNameAddress.Parse($"<{parsed}>");
    }
}
