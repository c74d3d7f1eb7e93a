using System.Net;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.RecordResponse;
using Microsoft.Graph.Models;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>Hark's outgoing calls, placed with the Graph SDK (Calls.PostAsync) to a SIPp callee given as a sip: URI.</summary>
[Collection(RealTimeSipCollection.Name)]
public sealed class SipOutgoingTests(SipOutgoingTests.Fixture f) : IClassFixture<SipOutgoingTests.Fixture>
{
    [Fact]
    public async Task Create_CalleeAnswers_EstablishedAndTheBotRecordsWhatItSays()
    {
        await using var callee = await StartCalleeAsync("uas-answer.xml");
        var call = await DialAsync(callee);
        var inbox = f.Listener.Call(call.Id!);
        await inbox.WaitForAsync(n => n.State == "established", Timeouts.Operation, "established");

        var started = await f.Graph.Communications.Calls[call.Id].RecordResponse.PostAsync(new RecordResponsePostRequestBody
        {
            PlayBeep = false,
            MaxSilenceTimeoutInSeconds = 1,
            MaxRecordDurationInSeconds = 20,
        });
        var op = Assert.IsType<RecordOperation>((await inbox.WaitForOperationAsync(started!.Id!, Timeouts.Operation)).ToOperation());
        using var download = await f.DownloadAsync(op.RecordingLocation!, op.RecordingAccessToken);
        var audio = WavFile.Decode(await download.Content.ReadAsByteArrayAsync());
        await f.Graph.Communications.Calls[call.Id].DeleteAsync();
        var result = await callee.WaitForExitAsync(CancellationToken.None);

        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Equal(8509, op.ResultInfo?.Subcode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var reference = WavFile.Resample(WavFile.Decode(File.ReadAllBytes(SippScenarios.ReferenceWav)).Samples, 8000, 16000);
        // Piece by piece, so a gap the jitter buffer concealed while the suite loaded the machine does not hide the
        // match (see SipTimeoutTests).
        var speech = audio.Samples[..Math.Min(audio.Samples.Length, 24000)];
        Assert.True(
            Correlation.Locate(reference, speech, 16000, minShare: 0.6) is not null,
            $"recording not found in what the callee sent: {Correlation.DescribePieces(reference, speech, 16000)}");
    }

    [Theory]
    [InlineData("uas-busy.xml", 486, 8602)]
    [InlineData("uas-no-answer.xml", 408, 8603)]
    public async Task Create_CalleeBusyOrNeverAnswers_TerminatedWithTheDocumentedResult(string scenario, int code, int subcode)
    {
        await using var callee = await StartCalleeAsync(scenario);
        var call = await DialAsync(callee);

        var terminated = await f.Listener.Call(call.Id!).WaitForStateAsync("terminated", Timeouts.Operation);
        var result = await callee.WaitForExitAsync(CancellationToken.None);

        Assert.True(result.AllCallsSucceeded, result.Describe());
        var resultInfo = terminated.ToCall().ResultInfo;
        Assert.Equal((code, subcode), (resultInfo?.Code, resultInfo?.Subcode));
    }

    [Fact]
    public async Task Create_NumberWithoutTrunk_TerminatedUnreachable()
    {
        var call = await f.Graph.Communications.Calls.PostAsync(Request("+15550199"));

        var terminated = await f.Listener.Call(call!.Id!).WaitForStateAsync("terminated", Timeouts.Operation);

        Assert.Equal(CallState.Establishing, call.State);
        Assert.Equal(10037, terminated.ToCall().ResultInfo?.Subcode);
    }

    private async Task<SippProcess> StartCalleeAsync(string scenario)
    {
        var callee = Sipp.Start(new SippOptions { Scenario = Path.Combine(SippScenarios.Directory, scenario), Timeout = TimeSpan.FromSeconds(30) });
        await callee.WaitUntilListeningAsync(CancellationToken.None);
        return callee;
    }

    private async Task<Call> DialAsync(SippProcess callee)
    {
        var call = await f.Graph.Communications.Calls.PostAsync(Request($"sip:+15550199@{callee.Address}"));
        Assert.NotNull(call);
        Assert.Equal(CallState.Establishing, call.State);
        return call;
    }

    private Call Request(string target) => new()
    {
        CallbackUri = f.Listener.CallbackUri.ToString(),
        RequestedModalities = [Modality.Audio],
        MediaConfig = new ServiceHostedMediaConfig(),
        Targets =
        [
            new InvitationParticipantInfo
            {
                Identity = new IdentitySet { AdditionalData = new Dictionary<string, object> { ["phone"] = new Identity { Id = target } } },
            },
        ],
    };

    /// <summary>A host that gives up ringing after 3 s, so the no-answer case is quick.</summary>
    public sealed class Fixture : HarkFixture
    {
        protected override IEnumerable<string> ExtraSettings => ["--Hark:Sip:RingTimeoutSeconds=3"];
    }
}
