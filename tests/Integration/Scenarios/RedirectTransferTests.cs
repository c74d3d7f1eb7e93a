using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.Redirect;
using Microsoft.Graph.Communications.Calls.Item.Transfer;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

/// <summary>
/// redirect and transfer through the SDK's own request builders on virtual calls: a redirected caller notes where it was
/// sent and the call ends 302/8607; a virtual caller always takes a blind transfer (transferring, transferAccepted,
/// terminated 0/7015 as Graph's page shows). SIP's 302 and REFER are tested with SIPp in Hark.Sdk5.Tests.
/// </summary>
public sealed class RedirectTransferTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task Redirect_RingingCall_Accepted202ThenTerminated302_8607AndTheCallerWasSentToEachTarget()
    {
        var call = await f.PlaceCallAsync(Silence(10));

        await f.Graph.Communications.Calls[call.CallId].Redirect.PostAsync(new RedirectPostRequestBody
        {
            Targets = [Target("+15550001"), Target("sip:bob@192.0.2.99")],
            Timeout = 20,
            CallbackUri = f.Listener.CallbackUri.ToString(),
        });

        var ended = await call.Inbox.WaitForAsync(n => n.OperationId is null && n.ChangeType == "deleted", Timeouts.Notification, "terminated");
        var resource = ended.ToCall();
        Assert.Equal(CallState.Terminated, resource.State);
        Assert.Equal((302, 8607), (resource.ResultInfo?.Code, resource.ResultInfo?.Subcode));
        var sim = await f.Simulator.WaitForStateAsync(call.SimulatorId, "ended", Timeouts.Notification);
        var redirected = Assert.Single(sim.Events ?? [], e => e.Kind == "redirected");
        Assert.Equal("+15550001, sip:bob@192.0.2.99", redirected.Reason);
        Assert.DoesNotContain(call.Inbox.History, n => n.State is "establishing" or "established");
        var gone = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].GetAsync());
        Assert.Equal(404, gone.ResponseStatusCode);
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task Redirect_AnsweredCall_ODataError400InvalidCallState()
    {
        var call = await f.ConnectAsync(Silence(10));

        var error = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].Redirect.PostAsync(
            new RedirectPostRequestBody { Targets = [Target("+15550001")] }));

        Assert.Equal((400, "InvalidCallState"), (error.ResponseStatusCode, error.Error?.Code));
        await f.EndAsync(call);
    }

    [Fact]
    public async Task Redirect_BadBodies_ODataError400NamingTheField()
    {
        var call = await f.PlaceCallAsync(Silence(10));
        var calls = f.Graph.Communications.Calls[call.CallId].Redirect;

        var tooMany = await Assert.ThrowsAsync<ODataError>(() => calls.PostAsync(new RedirectPostRequestBody
        {
            Targets = [.. Enumerable.Range(0, 26).Select(i => Target($"+1555000{i:D2}"))],
        }));
        var none = await Assert.ThrowsAsync<ODataError>(() => calls.PostAsync(new RedirectPostRequestBody { Targets = [] }));
        var timeout = await Assert.ThrowsAsync<ODataError>(() => calls.PostAsync(new RedirectPostRequestBody { Targets = [Target("+15550001")], Timeout = 10 }));
        var user = await Assert.ThrowsAsync<ODataError>(() => calls.PostAsync(new RedirectPostRequestBody
        {
            Targets = [new InvitationParticipantInfo { Identity = new IdentitySet { User = new Identity { Id = "8d1e6ab6" } } }],
        }));
        var header = await Assert.ThrowsAsync<ODataError>(() => calls.PostAsync(new RedirectPostRequestBody { Targets = [Target("sip:bob@192.0.2.99?Subject=x")] }));

        Assert.All([tooMany, none, timeout, user, header], e => Assert.Equal(400, e.ResponseStatusCode));
        Assert.Contains("at most 25", tooMany.Error?.Message, StringComparison.Ordinal);
        Assert.Equal("targets", Assert.Single(none.Error!.Details!).Target);
        Assert.Equal("timeout", Assert.Single(timeout.Error!.Details!).Target);
        Assert.Equal("targets[0].identity.phone.id", Assert.Single(user.Error!.Details!).Target);
        Assert.Equal("targets[0].identity.phone.id", Assert.Single(header.Error!.Details!).Target);

        // None of them touched the call: it still rings and can be answered.
        await f.AnswerAsync(call);
        await f.EndAsync(call);
    }

    [Fact]
    public async Task Transfer_EstablishedCall_TransferringThenTransferAcceptedThenTerminated0_7015()
    {
        var call = await f.ConnectAsync(Silence(10));

        await f.Graph.Communications.Calls[call.CallId].Transfer.PostAsync(new TransferPostRequestBody
        {
            TransferTarget = Target("+15550001"),
            Transferee = new ParticipantInfo { Identity = new IdentitySet { AdditionalData = new Dictionary<string, object> { ["phone"] = new Identity { Id = "+15550100" } } } },
        });

        var ended = await call.Inbox.WaitForAsync(n => n.OperationId is null && n.ChangeType == "deleted", Timeouts.Notification, "terminated");
        var states = call.Inbox.History.Where(n => n.OperationId is null && n.State is not null).Select(n => n.ToCall().State).ToList();
        Assert.Equal([CallState.Transferring, CallState.TransferAccepted, CallState.Terminated], states[^3..]);
        var result = ended.ToCall().ResultInfo;
        Assert.Equal((0, 7015, "GracefulTransferCompleted"), (result?.Code, result?.Subcode, result?.Message));
        var sim = await f.Simulator.WaitForStateAsync(call.SimulatorId, "ended", Timeouts.Notification);
        Assert.Equal("+15550001", Assert.Single(sim.Events ?? [], e => e.Kind == "transferred").Reason);
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task Transfer_RingingCallOrBadTarget_ODataError400()
    {
        var call = await f.PlaceCallAsync(Silence(10));

        var ringing = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].Transfer.PostAsync(
            new TransferPostRequestBody { TransferTarget = Target("+15550001") }));
        await f.AnswerAsync(call);
        var consultative = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].Transfer.PostAsync(
            new TransferPostRequestBody { TransferTarget = new InvitationParticipantInfo { Identity = Target("+15550001").Identity, ReplacesCallId = "e5d39592" } }));
        var missing = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].Transfer.PostAsync(new TransferPostRequestBody()));

        Assert.Equal((400, "InvalidCallState"), (ringing.ResponseStatusCode, ringing.Error?.Code));
        Assert.Equal("transferTarget.replacesCallId", Assert.Single(consultative.Error!.Details!).Target);
        Assert.Equal("transferTarget", Assert.Single(missing.Error!.Details!).Target);
        await f.EndAsync(call);
    }

    private static InvitationParticipantInfo Target(string phone) => new()
    {
        Identity = new IdentitySet { AdditionalData = new Dictionary<string, object> { ["phone"] = new Identity { Id = phone } } },
    };
}
