using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Integration.Scenarios;
using Hark.Media.Codecs;
using Hark.Media.Wav;
using Hark.Rtp;
using Microsoft.Graph.Communications.Calls.Item.SubscribeToTone;
using Microsoft.Graph.Models;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// A real SIP caller that offers no telephone-event (SIPp, PCMU only) sends its '#' as audio: Hark must find
/// the key in the RTP stream, for a recording's stop tone and for subscribeToTone, and cut it out of the file.
/// </summary>
[Collection(RealTimeSipCollection.Name)]
public sealed class SipInbandDtmfTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    // The layout of speech-pound-inband-pcmu.pcap, as make-audio.sh writes it.
    private const double Lead = 1.5, Gap = 0.2, Pound = 0.18;
    private const int Rate = 8000;

    [Fact]
    public void Capture_InbandPound_IsPcmuOnlyWithTheSpeechThenPoundAtMinus10Dbm0()
    {
        var reference = WavReader.Read(File.ReadAllBytes(SippScenarios.ReferenceWav)).Samples;
        var datagrams = PcapFile.ReadUdp(SippScenarios.SpeechPoundInbandPcmu);

        Assert.All(datagrams, d => Assert.Equal(0, Packet(d.Payload).PayloadType)); // no RFC 4733 event
        var audio = Decode(datagrams);
        var speechAt = (int)(Lead * Rate);
        var match = Correlation.Find(audio, reference);
        Assert.True(match.Score > 0.99, $"correlation {match.Score:F3}");
        Assert.Equal(speechAt, match.Offset);

        var toneAt = speechAt + reference.Length + (int)(Gap * Rate);
        var tone = audio.AsSpan(toneAt, (int)(Pound * Rate));
        Assert.InRange(Goertzel.Share(tone, 941, Rate), 0.45, 0.55);
        Assert.InRange(Goertzel.Share(tone, 1477, Rate), 0.45, 0.55);
        // Each tone at -10 dBm0 (0 dBm0 being a sine of peak 22706): two sines of peak A have a mean square of A².
        var peak = 22706 * Math.Pow(10, -10 / 20.0);
        var expectedDbfs = 20 * Math.Log10(peak / 32768);
        Assert.InRange(Goertzel.LevelDbfs(tone), expectedDbfs - 0.5, expectedDbfs + 0.5);
        Assert.True(ToneAnalysis.MaxDtmfShare(audio[..toneAt], Rate) < 0.5, "the speech itself holds no key");
    }

    [Fact]
    public async Task RecordResponse_SippCallerSendsPoundInband_StopsOnItAndCutsItOut()
    {
        var (sipp, call) = await HarkSipp.AnsweredAsync(f, SippScenarios.UacRecordInband);
        var (recording, result) = await SipRecording.RecordAsync(f, call, sipp, "inband");
        var (completion, _, wav, _) = recording;

        Assert.True(result.AllCallsSucceeded, result.Describe());
        RecordingAssert.Outcome(completion, OperationStatus.Completed, 200, 8514, "stopToneDetected", "inband");

        // Recording starts before the speech (the capture leads with 1.5 s of silence), so the rules give all
        // of it: from the speech onset to just before the tone, the 0.2 s pause being under the 0.5 s kept.
        // (Hark ends the file 10 ms before the tone's onset, its StopToneGuard: well within the tolerance.)
        var reference = WavReader.Read(File.ReadAllBytes(SippScenarios.ReferenceWav)).Samples;
        var expected = ((double)reference.Length / Rate) + Math.Min(Gap, RecordingAssert.TrailingSilenceKept);
        var audio = RecordingAssert.Wav(wav, reference, expected);

        // Not even a sliver of the key at the cut: any 10 ms block there that is not silent must not be the pair.
        var block = audio.SampleRate / 100;
        var tail = audio.Samples.AsSpan(Math.Max(0, audio.Samples.Length - (audio.SampleRate * 3 / 10)));
        for (var at = 0; at + block <= tail.Length; at += block / 2)
        {
            var piece = tail.Slice(at, block);
            if (Goertzel.LevelDbfs(piece) > -60)
            {
                var pair = Goertzel.Share(piece, 941, audio.SampleRate) + Goertzel.Share(piece, 1477, audio.SampleRate);
                Assert.True(pair < 0.3, $"941 Hz + 1477 Hz hold {pair:P0} of a 10 ms block {at / (double)audio.SampleRate:F3} s into the last 0.3 s.");
            }
        }

        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task SubscribeToTone_SippCallerSendsPoundInband_UpdatedNotificationWithPound()
    {
        var (sipp, call) = await HarkSipp.AnsweredAsync(f, SippScenarios.UacRecordInband);
        var subscribe = await f.Graph.Communications.Calls[call.CallId].SubscribeToTone.PostAsync(
            new SubscribeToTonePostRequestBody { ClientContext = "tones" });
        Assert.Equal(OperationStatus.Completed, subscribe?.Status);

        var toned = await call.Inbox.WaitForAsync(
            n => n.OperationId is null && n.ChangeType == "updated" && n.ToCall().ToneInfo is not null, Timeouts.Operation, "a tone");
        await f.Graph.Communications.Calls[call.CallId].DeleteAsync();
        var result = await sipp;

        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Equal(Tone.Pound, toned.ToCall().ToneInfo!.Tone);
        // The speech before the key set nothing off: '#' is the only tone the call reported.
        Assert.Single(call.Inbox.History, n => n.OperationId is null && n.ToCall().ToneInfo is not null);
        Assert.Empty(f.Listener.Failures);
    }

    private static short[] Decode(IReadOnlyList<CapturedDatagram> datagrams)
    {
        var samples = new List<short>();
        foreach (var d in datagrams)
        {
            var payload = Packet(d.Payload).Payload;
            var decoded = new short[payload.Length];
            MuLaw.Decode(payload, decoded);
            samples.AddRange(decoded);
        }

        return [.. samples];
    }

    private static (int PayloadType, byte[] Payload) Packet(byte[] datagram)
    {
        Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(datagram, out var packet));
        return (packet.PayloadType, packet.Payload.ToArray());
    }
}
