using System.Net;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Integration.Scenarios;
using Microsoft.Graph.Models;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// A real SIP caller (SIPp, G.711 RTP and an RFC 4733 <c>#</c> from a capture) reaches a bot that uses only
/// the Graph SDK: the bot answers, records until the stop tone, downloads the WAV and hangs up (Hark sends BYE).
/// </summary>
[Collection(RealTimeSipCollection.Name)]
public sealed class SipRecordTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Theory]
    [InlineData("uac-record.xml")]
    [InlineData("uac-record-pcma.xml")]
    [InlineData("uac-record-ptime30.xml")]
    [InlineData("uac-record-pcma-ptime30.xml")]
    public async Task RecordResponse_SippCallerWithStopTone_RecordingMatchesWhatItSent(string scenario)
    {
        var (sipp, call) = await HarkSipp.AnsweredAsync(f, scenario);
        var callId = call.CallId;
        var (recording, result) = await SipRecording.RecordAsync(f, call, sipp);
        var (_, op, wav, downloadStatus) = recording;

        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Equal(OperationStatus.Completed, op.Status);
        Assert.Equal(8514, op.ResultInfo?.Subcode);
        Assert.Equal(HttpStatusCode.OK, downloadStatus);
        var audio = WavFile.Decode(wav);
        Assert.Equal(16000, audio.SampleRate);

        // Listening starts a moment after the caller began (answer, established, recordResponse), so the
        // recording is the end part of what SIPp played: it must be found in the reference, in order.
        var reference = WavFile.Resample(WavFile.Decode(File.ReadAllBytes(SippScenarios.ReferenceWav)).Samples, 8000, 16000);
        Assert.InRange(audio.Duration.TotalSeconds, 0.5, 2.1);
        var piece = audio.Samples[..Math.Min(audio.Samples.Length, 8000)];
        var match = Correlation.Find(reference, piece);
        Assert.True(match.Score > 0.7, $"recording not found in what SIPp sent: {match}");
        Assert.Empty(f.Listener.Failures);
    }
}
