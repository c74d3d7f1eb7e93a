using System.Net;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Integration.Scenarios;
using Microsoft.Graph.Models;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// A whole recorded call over SIP/TCP: SIPp (<c>-t t1</c>, one connection) calls Hark's TCP listener, which
/// shares its port with UDP; the bot answers, records until '#', and hangs up, and Hark's BYE must come back
/// over TCP (SIPp in this mode listens on nothing else).
/// </summary>
[Collection(RealTimeSipCollection.Name)]
public sealed class SipEdgeTcpTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task RecordResponse_SippCallerOverTcp_RecordingMatchesWhatItSentAndHarksByeComesOverTcp()
    {
        var options = HarkSipp.Options(f, "uac-record.xml") with { Transport = SippTransport.Tcp };
        var (sipp, call) = await HarkSipp.OfferedAsync(f, options);
        await f.AnswerAsync(call);
        var (recording, result) = await SipRecording.RecordAsync(f, call, sipp);
        var (_, op, wav, downloadStatus) = recording;

        Assert.True(result.AllCallsSucceeded, result.Describe());
        var seen = result.MessagesSeen();
        Assert.Contains("TCP message received", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("UDP message", seen, StringComparison.Ordinal);
        Assert.Matches(@"BYE sip:\S+ SIP/2\.0\s+Via: SIP/2\.0/TCP ", seen);
        Assert.Equal(OperationStatus.Completed, op.Status);
        Assert.Equal(8514, op.ResultInfo?.Subcode);
        Assert.Equal(HttpStatusCode.OK, downloadStatus);

        // As SipRecordTests: the recording is the end part of what SIPp played and must be found in it.
        var audio = WavFile.Decode(wav);
        Assert.Equal(16000, audio.SampleRate);
        var reference = WavFile.Resample(WavFile.Decode(File.ReadAllBytes(SippScenarios.ReferenceWav)).Samples, 8000, 16000);
        Assert.InRange(audio.Duration.TotalSeconds, 0.5, 2.1);
        var piece = audio.Samples[..Math.Min(audio.Samples.Length, 8000)];
        var match = Correlation.Find(reference, piece);
        Assert.True(match.Score > 0.7, $"recording not found in what SIPp sent: {match}");
        Assert.Empty(f.Listener.Failures);
    }
}
