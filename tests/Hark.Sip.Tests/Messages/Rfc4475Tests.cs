using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Messages;

public class Rfc4475Tests
{
    public static TheoryData<string> AllVectors => new(TortureVectors.Sections.Keys);

    [Fact]
    public void Vectors_AllFortyNineMessagesOfSection3_ArePresent()
    {
        Assert.Equal(49, TortureVectors.Sections.Count);
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void TryParse_TortureMessage_MatchesWhatRfc4475Expects(string name)
    {
        var ok = SipMessage.TryParse(TortureVectors.Read(name), SipFraming.Datagram, out var message, out var error);

        switch (TortureVectors.Expectation(name))
        {
            case TortureVectors.Expected.Parses:
                Assert.True(ok, $"{name} ({TortureVectors.Sections[name]}) should parse: {error}");
                Assert.Empty(message!.Defects);
                break;
            case TortureVectors.Expected.ParsesWithDefect:
                Assert.True(ok, $"{name} should parse: {error}");
                Assert.NotEmpty(message!.Defects);
                break;
            default:
                Assert.False(ok, $"{name} ({TortureVectors.Sections[name]}) should be rejected");
                Assert.False(string.IsNullOrWhiteSpace(error!.Reason));
                break;
        }
    }

    [Theory]
    [InlineData("badinv01", 400)]
    [InlineData("clerr", 400)]
    [InlineData("ncl", 400)]
    [InlineData("scalar02", 400)]
    [InlineData("quotbal", 400)]
    [InlineData("ltgtruri", 400)]
    [InlineData("lwsruri", 400)]
    [InlineData("lwsstart", 400)]
    [InlineData("trws", 400)]
    [InlineData("escruri", 400)]
    [InlineData("regbadct", 400)]
    [InlineData("badaspec", 400)]
    [InlineData("baddn", 400)]
    [InlineData("badvers", 505)]
    [InlineData("mismatch01", 400)]
    [InlineData("mismatch02", 400)]
    [InlineData("multi01", 400)]
    [InlineData("mcl01", 400)]
    public void TryParse_InvalidRequestWithReadableDialogHeaders_CanBeAnswered(string name, int status)
    {
        Assert.False(SipMessage.TryParse(TortureVectors.Read(name), SipFraming.Datagram, out _, out var error));

        Assert.Equal(status, error.StatusCode);
        Assert.True(error.CanRespond, error.Reason);
        var response = SipResponses.CreateFrom(error);
        Assert.NotNull(response);
        var wire = SipMessageWriter.ToArray(response);
        Assert.StartsWith($"SIP/2.0 {status} ", System.Text.Encoding.ASCII.GetString(wire), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("insuf")]
    [InlineData("bigcode")]
    [InlineData("scalarlg")]
    public void TryParse_MessageLackingDialogHeadersOrAResponse_CannotBeAnswered(string name)
    {
        Assert.False(SipMessage.TryParse(TortureVectors.Read(name), SipFraming.Datagram, out _, out var error));

        Assert.False(error.CanRespond);
        Assert.Null(SipResponses.CreateFrom(error));
    }
}
