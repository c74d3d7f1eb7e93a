using Hark.Graph.Contracts;
using Hark.Graph.Validation;

namespace Hark.Graph.Tests.Validation;

public sealed class RedirectTransferRequestValidatorTests
{
    private static readonly GraphLimitsOptions Limits = new();

    [Fact]
    public void Redirect_NumbersAndSipUrisWithTimeout_NoErrors()
    {
        var request = new RedirectRequest { Targets = [Phone("+15550001"), Phone("sip:bob@192.0.2.99:5070;transport=tcp")], Timeout = 15, CallbackUri = "https://bot.example.com/cb" };

        Assert.Empty(RedirectRequestValidator.Validate(request, Limits));
    }

    [Fact]
    public void Redirect_TwentyFiveTargets_NoErrorsTwentySix_ErrorOnTargets()
    {
        var ok = new RedirectRequest { Targets = [.. Enumerable.Range(0, 25).Select(i => Phone($"+1555{i:D4}"))] };
        var over = new RedirectRequest { Targets = [.. Enumerable.Range(0, 26).Select(i => Phone($"+1555{i:D4}"))] };

        Assert.Empty(RedirectRequestValidator.Validate(ok, Limits));
        Assert.Equal(["targets"], RedirectRequestValidator.Validate(over, Limits).Select(e => e.Path));
    }

    [Theory]
    [InlineData(14)]
    [InlineData(91)]
    public void Redirect_TimeoutOutsideGraphsRange_ErrorOnTimeout(int timeout)
    {
        var errors = RedirectRequestValidator.Validate(new RedirectRequest { Targets = [Phone("+15550001")], Timeout = timeout }, Limits);

        Assert.Equal(["timeout"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Redirect_NoTargetsANullOneAUserAndABadUri_OneErrorEach()
    {
        var none = RedirectRequestValidator.Validate(new RedirectRequest(), Limits);
        var bad = RedirectRequestValidator.Validate(
            new RedirectRequest
            {
                Targets =
                [
                    null,
                    new InvitationParticipantInfo { Identity = new IdentitySet { User = new Identity { Id = "8d1e6ab6" } } },
                    Phone("tel:+15550001"),
                    Phone("sip:bob@example.com?Subject=hi"),
                    Phone("+1555\r\nX: y"),
                ],
            },
            Limits);

        Assert.Equal(["targets"], none.Select(e => e.Path));
        Assert.Equal(
            ["targets[0].identity", "targets[1].identity.phone.id", "targets[2].identity.phone.id", "targets[3].identity.phone.id", "targets[4].identity.phone.id"],
            bad.Select(e => e.Path));
    }

    [Fact]
    public void Transfer_NumberWithTransferee_NoErrors()
    {
        var request = new TransferRequest
        {
            TransferTarget = Phone("+15550001"),
            Transferee = new ParticipantInfo { Identity = new IdentitySet { Phone = new Identity { Id = "+15550100" } } },
            ClientContext = "ctx",
        };

        Assert.Empty(TransferRequestValidator.Validate(request, Limits));
    }

    [Fact]
    public void Transfer_MissingTargetConsultativeTransfereeWithoutIdentityLongContext_OneErrorEach()
    {
        var missing = TransferRequestValidator.Validate(new TransferRequest(), Limits);
        var bad = TransferRequestValidator.Validate(
            new TransferRequest
            {
                TransferTarget = Phone("+15550001") with { ReplacesCallId = "e5d39592" },
                Transferee = new ParticipantInfo(),
                ClientContext = new string('x', Limits.MaxClientContextLength + 1),
            },
            Limits);

        Assert.Equal(["transferTarget"], missing.Select(e => e.Path));
        Assert.Equal(["transferTarget.replacesCallId", "transferee.identity", "clientContext"], bad.Select(e => e.Path));
    }

    private static InvitationParticipantInfo Phone(string id) => new() { Identity = new IdentitySet { Phone = new Identity { Id = id } } };
}
