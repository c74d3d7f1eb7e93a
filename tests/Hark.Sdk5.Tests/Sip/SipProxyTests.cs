using System.Net;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Integration.Scenarios;
using Microsoft.Graph.Models;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// Hark behind a real Kamailio (tests/data/kamailio/hark-proxy.cfg): SIPp calls the proxy, never Hark, and the
/// proxy record-routes the INVITE. The ACK, and Hark's BYE when the bot hangs up, must follow the route set
/// through the proxy; the scenarios check the Record-Route in the 200 and the proxy's Via on the BYE.
/// </summary>
[Collection(RealTimeSipCollection.Name)]
public sealed class SipProxyTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task RecordResponse_CallerThroughKamailio_RecordingMatchesWhatItSentAndHarksByeGoesViaTheProxy()
    {
        await using var proxy = await KamailioProcess.StartAsync(f.Server.SipPort, CancellationToken.None);
        var (sipp, call) = await HarkSipp.OfferedAsync(f, HarkSipp.Options(f, "uac-via-proxy-record.xml", proxy.Address), proxy.Describe);
        var callId = call.CallId;

        // Established means Hark got the ACK, which SIPp sent only to the proxy (Route: the proxy, Request-URI: Hark's Contact).
        await UnlessSippFailsAsync(f.AnswerAsync(call), sipp, proxy);
        var (recording, result) = await SipRecording.RecordAsync(f, call, sipp, guard: w => UnlessSippFailsAsync(w, sipp, proxy));
        var (_, op, wav, downloadStatus) = recording;

        Assert.True(result.AllCallsSucceeded, result.Describe() + proxy.Describe());
        await AssertTookInAsync(proxy, "ACK", from: "127.0.0.1:");
        await AssertTookInAsync(proxy, "BYE", from: $"127.0.0.1:{f.Server.SipPort}");
        Assert.Equal(OperationStatus.Completed, op.Status);
        Assert.Equal(8514, op.ResultInfo?.Subcode);
        Assert.Equal(HttpStatusCode.OK, downloadStatus);
        var audio = WavFile.Decode(wav);

        // As in SipRecordTests: listening starts a moment after the caller began, so the recording is the end
        // part of what SIPp played and must be found in the reference.
        var reference = WavFile.Resample(WavFile.Decode(File.ReadAllBytes(SippScenarios.ReferenceWav)).Samples, 8000, 16000);
        Assert.InRange(audio.Duration.TotalSeconds, 0.5, 2.1);
        var piece = audio.Samples[..Math.Min(audio.Samples.Length, 8000)];
        var match = Correlation.Find(reference, piece);
        Assert.True(match.Score > 0.7, $"recording not found in what SIPp sent: {match}");
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task Delete_CallThroughKamailio_ByeReachesTheCallerViaTheProxyAndTheCallTerminates()
    {
        await using var proxy = await KamailioProcess.StartAsync(f.Server.SipPort, CancellationToken.None);
        var (sipp, call) = await HarkSipp.OfferedAsync(f, HarkSipp.Options(f, "uac-via-proxy-hark-hangs-up.xml", proxy.Address), proxy.Describe);
        await UnlessSippFailsAsync(f.AnswerAsync(call), sipp, proxy);
        await f.Graph.Communications.Calls[call.CallId].DeleteAsync();
        var terminated = await call.Inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        var result = await sipp;

        // SIPp fails the call unless the BYE carries the proxy's Via above Hark's; the proxy logs relaying it.
        Assert.True(result.AllCallsSucceeded, result.Describe() + proxy.Describe());
        await AssertTookInAsync(proxy, "ACK", from: "127.0.0.1:");
        await AssertTookInAsync(proxy, "BYE", from: $"127.0.0.1:{f.Server.SipPort}");
        Assert.Equal(7000, terminated.ToCall().ResultInfo?.Subcode);
        Assert.Empty(f.Listener.Failures);
    }

    // A wait on Hark ends early with SIPp's failure when SIPp gives up first; a timeout (say the proxy dropped the
    // ACK, so Hark never saw the call established) says what the proxy took in.
    private static async Task<T> UnlessSippFailsAsync<T>(Task<T> step, Task<SippResult> sipp, KamailioProcess proxy)
    {
        if (await Task.WhenAny(step, sipp) == sipp && !(await sipp).AllCallsSucceeded)
        {
            Assert.Fail((await sipp).Describe() + proxy.Describe());
        }

        try
        {
            return await step;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + proxy.Describe(), e);
        }
    }

    // hark-proxy.cfg logs "<method> <request-uri> from <source address:port>" for every request it takes in.
    private static async Task AssertTookInAsync(KamailioProcess proxy, string method, string from)
    {
        var logged = await proxy.WaitForLogLineAsync(
            l => l.Contains($": {method} sip:", StringComparison.Ordinal) && l.Contains("from " + from, StringComparison.Ordinal),
            TimeSpan.FromSeconds(2));
        Assert.True(logged, $"the proxy took in no {method} from {from}.\n{proxy.Describe()}");
    }
}
