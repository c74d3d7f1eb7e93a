using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.PlayPrompt;
using Microsoft.Graph.Communications.Calls.Item.Redirect;
using Microsoft.Graph.Communications.Calls.Item.Transfer;
using Microsoft.Graph.Models;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// redirect and transfer on real SIP calls (SIPp as the caller): a 302 with one Contact per target, numbers through the
/// trunk; a blind transfer as REFER whose NOTIFY/sipfrag progress becomes Graph's transferring, transferAccepted and
/// terminated 0/7015, or Graph's failure notification (established, 500/7000) with the call still up.
/// </summary>
public sealed class SipForwardTests(TrunkedHarkFixture f) : IClassFixture<TrunkedHarkFixture>
{
    [Fact]
    public async Task Redirect_SippCallerRinging_302WithAContactPerTargetNumbersThroughTheTrunkThenTerminated302_8607()
    {
        var (sipp, call) = await HarkSipp.OfferedAsync(f, HarkSipp.Options(f, SippScenarios.UacRedirected));

        await f.Graph.Communications.Calls[call.CallId].Redirect.PostAsync(new RedirectPostRequestBody
        {
            Targets = [Target("+15550001"), Target("sip:bob@127.0.0.1:5998")],
            Timeout = 30,
        });
        var result = await sipp;
        var ended = await call.Inbox.WaitForAsync(n => n.OperationId is null && n.ChangeType == "deleted", Timeouts.Notification, "terminated");

        Assert.True(result.AllCallsSucceeded, result.Describe());
        var trace = result.MessagesSeen();
        Assert.Contains("SIP/2.0 302 Moved Temporarily", trace, StringComparison.Ordinal);
        Assert.Contains($"Contact: <sip:+15550001@{TrunkedHarkFixture.TrunkHostPort}>", trace, StringComparison.Ordinal);
        Assert.Contains("Contact: <sip:bob@127.0.0.1:5998>", trace, StringComparison.Ordinal);
        var resource = ended.ToCall();
        Assert.Equal((CallState.Terminated, 302, 8607), (resource.State, resource.ResultInfo?.Code, resource.ResultInfo?.Subcode));
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task Transfer_SippTransfereeReachesTheTarget_ReferThenTransferringTransferAcceptedTerminated0_7015AndHarkLeaves()
    {
        var (sipp, call) = await AnsweredAsync(SippScenarios.UacTransfer, "200 OK");

        await f.Graph.Communications.Calls[call.CallId].Transfer.PostAsync(new TransferPostRequestBody { TransferTarget = Target("+15550002") });
        var ended = await call.Inbox.WaitForAsync(n => n.OperationId is null && n.ChangeType == "deleted", Timeouts.Operation, "terminated");
        var result = await sipp;

        // SIPp's run ends only once Hark's BYE came and was answered.
        Assert.True(result.AllCallsSucceeded, result.Describe());
        var trace = result.MessagesSeen();
        Assert.Contains($"Refer-To: <sip:+15550002@{TrunkedHarkFixture.TrunkHostPort}>", trace, StringComparison.Ordinal);
        Assert.Contains("Referred-By: <sip:hark@127.0.0.1:", trace, StringComparison.Ordinal);
        Assert.Equal([CallState.Transferring, CallState.TransferAccepted, CallState.Terminated], States(call)[^3..]);
        var outcome = ended.ToCall().ResultInfo;
        Assert.Equal((0, 7015, "GracefulTransferCompleted"), (outcome?.Code, outcome?.Subcode, outcome?.Message));
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task Transfer_SippTargetBusy_FailureNotificationEstablished500_7000AndTheCallGoesOn()
    {
        var (sipp, call) = await AnsweredAsync(SippScenarios.UacTransfer, "486 Busy Here");

        await f.Graph.Communications.Calls[call.CallId].Transfer.PostAsync(new TransferPostRequestBody { TransferTarget = Target("sip:carol@127.0.0.1:5997") });
        var failed = await call.Inbox.WaitForAsync(
            n => n.OperationId is null && n.State == "established" && n.ToCall().ResultInfo is not null, Timeouts.Operation, "transfer failed");
        await AssertStillUpAsync(call);
        await f.Graph.Communications.Calls[call.CallId].DeleteAsync();
        var result = await sipp;

        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Contains("Refer-To: <sip:carol@127.0.0.1:5997>", result.MessagesSeen(), StringComparison.Ordinal);
        Assert.Equal([CallState.Transferring, CallState.TransferAccepted, CallState.Established], States(call).SkipWhile(s => s != CallState.Transferring).Take(3));
        var outcome = failed.ToCall().ResultInfo;
        Assert.Equal((500, 7000), (outcome?.Code, outcome?.Subcode));
        Assert.Contains("486 Busy Here", outcome?.Message, StringComparison.Ordinal);
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task Transfer_SippRefusesTheRefer_FailureNotificationEstablished500_7000WithoutTransferAccepted()
    {
        var (sipp, call) = await AnsweredAsync(SippScenarios.UacTransferRefused, null);

        await f.Graph.Communications.Calls[call.CallId].Transfer.PostAsync(new TransferPostRequestBody { TransferTarget = Target("+15550003") });
        var failed = await call.Inbox.WaitForAsync(
            n => n.OperationId is null && n.State == "established" && n.ToCall().ResultInfo is not null, Timeouts.Operation, "transfer failed");
        await AssertStillUpAsync(call);
        await f.Graph.Communications.Calls[call.CallId].DeleteAsync();
        var result = await sipp;

        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.DoesNotContain(call.Inbox.History, n => n.State == "transferAccepted");
        var outcome = failed.ToCall().ResultInfo;
        Assert.Equal((500, 7000), (outcome?.Code, outcome?.Subcode));
        Assert.Contains("603", outcome?.Message, StringComparison.Ordinal);
        Assert.Empty(f.Listener.Failures);
    }

    private async Task<(Task<SippResult> Sipp, ConnectedCall Call)> AnsweredAsync(string scenario, string? final)
    {
        var options = HarkSipp.Options(f, scenario) with
        {
            Keys = final is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["final"] = final },
        };
        var (sipp, call) = await HarkSipp.OfferedAsync(f, options);
        await f.AnswerAsync(call);
        return (sipp, call);
    }

    // The call is established again: media operations run (a prompt plays to its end).
    private async Task AssertStillUpAsync(ConnectedCall call)
    {
        var resource = await f.Graph.Communications.Calls[call.CallId].GetAsync();
        Assert.Equal(CallState.Established, resource?.State);
        var prompt = await f.Graph.Communications.Calls[call.CallId].PlayPrompt.PostAsync(new PlayPromptPostRequestBody
        {
            Prompts = [new MediaPrompt { MediaInfo = new MediaInfo { Uri = WavFile.ToDataUri(WavFile.Encode(TestSignals.Tone(16000, 0.3, 440), 16000)) } }],
        });
        var done = await call.Inbox.WaitForOperationAsync(prompt!.Id!, Timeouts.Operation);
        Assert.Equal(OperationStatus.Completed, done.ToOperation().Status);
    }

    private static List<CallState?> States(ConnectedCall call) =>
        [.. call.Inbox.History.Where(n => n.OperationId is null && n.State is not null).Select(n => n.ToCall().State)];

    private static InvitationParticipantInfo Target(string phone) => new()
    {
        Identity = new IdentitySet { AdditionalData = new Dictionary<string, object> { ["phone"] = new Identity { Id = phone } } },
    };
}
