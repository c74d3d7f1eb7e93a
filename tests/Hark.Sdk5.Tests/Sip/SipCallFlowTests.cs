using System.Net;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Integration.Scenarios;
using Microsoft.Graph.Communications.Calls.Item.RecordResponse;
using Microsoft.Graph.Communications.Calls.Item.Reject;
using Microsoft.Graph.Models;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>SIP call flows other than the recorded call: CANCEL before the answer, reject, and the caller hanging up mid-recording.</summary>
[Collection(RealTimeSipCollection.Name)]
public sealed class SipCallFlowTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task Invite_CallerCancelsWhileRinging_487AndTheBotHearsTheCallEnded()
    {
        var (sipp, call) = await HarkSipp.OfferedAsync(f, HarkSipp.Options(f, "uac-cancel.xml"));
        var ended = await call.Inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        var result = await sipp;

        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Equal(4521, ended.ToCall().ResultInfo?.Subcode);
    }

    [Theory]
    [InlineData(RejectReason.Busy)]
    [InlineData(RejectReason.None)]
    public async Task Reject_BotRejects_CallerGetsTheMatchingFinalResponse(RejectReason reason)
    {
        var (sipp, call) = await HarkSipp.OfferedAsync(f, HarkSipp.Options(f, "uac-rejected.xml"));
        await f.Graph.Communications.Calls[call.CallId].Reject.PostAsync(new RejectPostRequestBody { Reason = reason });
        var result = await sipp;

        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Contains(reason == RejectReason.Busy ? "486" : "603", result.ErrorLog + result.StandardOutput + result.MessagesSeen(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordResponse_CallerHangsUpMidRecording_RecordingKeptAndNotifiedBeforeTerminated()
    {
        var (sipp, call) = await HarkSipp.AnsweredAsync(f, "uac-record-caller-hangs-up.xml");
        var inbox = call.Inbox;
        var started = await f.Graph.Communications.Calls[call.CallId].RecordResponse.PostAsync(new RecordResponsePostRequestBody
        {
            PlayBeep = false,
            MaxRecordDurationInSeconds = 20,
            MaxSilenceTimeoutInSeconds = 10,
        });
        // If SIPp itself fails (it never hangs up then), say so rather than time out waiting for the recording.
        var completionTask = inbox.WaitForOperationAsync(started!.Id!, Timeouts.Operation);
        if (await Task.WhenAny(completionTask, sipp) == sipp && !(await sipp).AllCallsSucceeded)
        {
            Assert.Fail((await sipp).Describe());
        }

        var completion = await completionTask;
        var terminated = await inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        var result = await sipp;

        Assert.True(result.AllCallsSucceeded, result.Describe());
        var history = inbox.History.ToList();
        Assert.True(history.IndexOf(completion) < history.IndexOf(terminated));
        var op = Assert.IsType<RecordOperation>(completion.ToOperation());
        Assert.Equal(8516, op.ResultInfo?.Subcode);
        Assert.Equal(4521, terminated.ToCall().ResultInfo?.Subcode);
        using var download = await f.DownloadAsync(op.RecordingLocation!, op.RecordingAccessToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var audio = WavFile.Decode(await download.Content.ReadAsByteArrayAsync());

        // SIPp hangs up 1.2 s into its speech; listening began a moment after it started speaking.
        Assert.InRange(audio.Duration.TotalSeconds, 0.4, 1.3);
        var reference = WavFile.Resample(WavFile.Decode(File.ReadAllBytes(SippScenarios.ReferenceWav)).Samples, 8000, 16000);
        var match = Correlation.Find(reference, audio.Samples);
        Assert.True(match.Score > 0.7, $"recording not found in what SIPp sent: {match}");
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task ReInvite_CallerHoldsThenResumes_AnsweredRecvonlyThenSendrecvAndTheCallGoesOn()
    {
        var (sipp, call) = await HarkSipp.AnsweredAsync(f, "uac-hold-unhold.xml");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await f.Graph.Communications.Calls[call.CallId].DeleteAsync();
        var result = await sipp;

        // SIPp checks each 200's direction (a=recvonly, then a=sendrecv) and fails the call otherwise.
        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Equal(7000, (await call.Inbox.WaitForStateAsync("terminated", Timeouts.Notification)).ToCall().ResultInfo?.Subcode);
    }
}
