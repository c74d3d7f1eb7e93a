using System.Net;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.RecordResponse;
using Microsoft.Graph.Models;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// The two ways Hark itself ends a SIP call: the application never answers (480 to the caller), and the
/// caller's RTP stops mid-recording (BYE from Hark, the recording kept). The host runs with both timeouts
/// shortened to two seconds.
/// </summary>
[Collection(RealTimeSipCollection.Name)]
public sealed class SipTimeoutTests(SipTimeoutTests.Fixture f) : IClassFixture<SipTimeoutTests.Fixture>
{
    private const int TimeoutSeconds = 2;

    [Fact]
    public async Task Invite_BotNeverAnswers_CallerGets480AndTheBotHearsTheCallTimedOut()
    {
        var (sipp, call) = await HarkSipp.OfferedAsync(f, HarkSipp.Options(f, "uac-rejected.xml"));
        var inbox = call.Inbox;
        // Within Timeouts.Notification (10 s), so only the configured 2 s and not the default 15 s passes.
        var terminated = await inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        var result = await sipp;

        // The bot did nothing: the call rang out, SIPp got 480 (it accepts 480, 486 or 603) and ACKed it.
        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Contains("SIP/2.0 480", result.MessagesSeen(), StringComparison.Ordinal);
        var info = terminated.ToCall().ResultInfo;
        Assert.Equal((480, 8601), (info?.Code, info?.Subcode));
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task RecordResponse_CallersMediaStops_HarkHangsUpAndTheRecordingIsKept()
    {
        var (sipp, call) = await HarkSipp.AnsweredAsync(f, "uac-hark-hangs-up.xml");
        var inbox = call.Inbox;
        var started = await f.Graph.Communications.Calls[call.CallId].RecordResponse.PostAsync(new RecordResponsePostRequestBody
        {
            PlayBeep = false,
            MaxRecordDurationInSeconds = 30,
            MaxSilenceTimeoutInSeconds = 30,
        });

        // Within Timeouts.Operation (20 s), so only the configured 2 s and not the default 30 s passes.
        var completion = await inbox.WaitForOperationAsync(started!.Id!, Timeouts.Operation);
        var terminated = await inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        var result = await sipp;

        // SIPp answered Hark's BYE (it never hangs up itself) and the call ended as a media timeout.
        Assert.True(result.AllCallsSucceeded, result.Describe());
        var history = inbox.History.ToList();
        Assert.True(history.IndexOf(completion) < history.IndexOf(terminated));
        var callInfo = terminated.ToCall().ResultInfo;
        Assert.Equal((410, 301005), (callInfo?.Code, callInfo?.Subcode));
        var op = Assert.IsType<RecordOperation>(completion.ToOperation());
        Assert.Equal(OperationStatus.Completed, op.Status);
        Assert.Equal(8513, op.ResultInfo?.Subcode);
        Assert.Equal("mediaReceiveTimeout", op.AdditionalData["completionReason"]?.ToString());

        // What SIPp said (2 s of speech, listening began a moment after it started), then the jitter buffer's
        // concealment of the first lost frames (up to 3 x 20 ms of fading audio, which can count as speech) and
        // the quiet after it, trimmed to at most half a second; plus up to 0.3 s of gaps concealed under load (below).
        using var download = await f.DownloadAsync(op.RecordingLocation!, op.RecordingAccessToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var audio = WavFile.Decode(await download.Content.ReadAsByteArrayAsync());
        Assert.InRange(audio.Duration.TotalSeconds, 1.0, 2.0 + 0.06 + 0.5 + 0.3);
        var reference = WavFile.Resample(WavFile.Decode(File.ReadAllBytes(SippScenarios.ReferenceWav)).Samples, 8000, 16000);
        // Up to 1.5 s of it, piece by piece. With the whole suite running, the jitter buffer now and then runs dry
        // early in a call and conceals 60-120 ms before the late packets play on: each such gap costs two or three
        // of the 15 pieces and shifts the rest, in order, which Locate allows.
        var speech = audio.Samples[..Math.Min(audio.Samples.Length, 24000)];
        Assert.True(
            Correlation.Locate(reference, speech, 16000, minShare: 0.6) is not null,
            $"recording not found in what SIPp sent: {Correlation.DescribePieces(reference, speech, 16000)}");
        Assert.Empty(f.Listener.Failures);
    }

    public sealed class Fixture : HarkFixture
    {
        protected override IEnumerable<string> ExtraSettings =>
        [
            $"--Hark:Calls:AnswerTimeoutSeconds={TimeoutSeconds}",
            $"--Hark:Rtp:MediaTimeoutSeconds={TimeoutSeconds}",
        ];
    }
}
