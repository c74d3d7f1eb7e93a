using System.Diagnostics.Metrics;
using System.Net;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Telephony;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph.Models;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// The media engine's promise, with a real SIPp caller: a recording holds every packet that reached Hark's socket,
/// however late the engine runs, and only packets that never arrived are concealed (and counted). Recordings are
/// 8 kHz here, so the WAV is compared sample by sample with the G.711 decode of the capture SIPp sent.
/// </summary>
[Collection(RealTimeSipCollection.Name)]
public sealed class SipMediaEngineTests(SipMediaEngineTests.Fixture f) : IClassFixture<SipMediaEngineTests.Fixture>
{
    [Fact]
    public async Task RecordResponse_MediaEngineStalledTwoSecondsMidCall_WavHoldsEverySampleSent()
    {
        var (sipp, call) = await HarkSipp.AnsweredAsync(f, "uac-record-long.xml");
        var started = await StartRecordAsync(call);

        // 1.5 s into the speech the engine stops for 2 s (as a starved machine would): 100 packets wait in the socket.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using (f.Server.Services.GetRequiredService<MediaPacer>().Hold())
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var (op, wav) = await CompleteAsync(call, started, sipp);

        var sent = SentAudio("speech-long-pound-pcmu.pcap");
        var audio = WavFile.Decode(wav);
        Assert.Equal(8000, audio.SampleRate);
        Assert.Equal(8514, op.ResultInfo?.Subcode);

        // The recording starts where the bot began to listen and ends at the '#': more than the 2 s stalled, and
        // every sample of it exactly what SIPp sent, in order.
        Assert.True(audio.Samples.Length > 4 * 8000, $"recording {audio.Duration.TotalSeconds:F2} s");
        var at = FindExact(sent, audio.Samples);
        Assert.True(at >= 0, $"the {audio.Duration.TotalSeconds:F2} s recording is not an exact slice of what SIPp sent; {Correlation.DescribePieces(sent.Samples, audio.Samples, 8000)}");
        Assert.True(sent.Samples.Length - (at + audio.Samples.Length) < 8000 / 2, $"recording ends {(sent.Samples.Length - at - audio.Samples.Length) / 8000.0:F2} s before the speech");
    }

    [Fact]
    public async Task RecordResponse_CallerPacketsLostOnTheWay_ConcealedFramesCountedAndTheRestExact()
    {
        long concealed = 0;
        var meters = f.Server.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "hark.media.concealed_frames")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref concealed, value));
        listener.Start();

        var (sipp, call) = await HarkSipp.AnsweredAsync(f, "uac-record-gaps.xml");
        var started = await StartRecordAsync(call);
        var (_, wav) = await CompleteAsync(call, started, sipp);

        // make-engine-audio.sh left out audio packets 30, 31, 32 and 70: four 20 ms frames, all within the speech.
        Assert.Equal(4, Interlocked.Read(ref concealed));
        var sent = SentAudio("speech-gaps-pound-pcmu.pcap");
        var audio = WavFile.Decode(wav).Samples;
        var at = FindExact(sent, audio);
        Assert.True(at >= 0, "what arrived is not in the recording sample for sample");
    }

    [Fact]
    public async Task Invite_FourthCallWithThreeLiveAndMaxConcurrentThree_503WithRetryAfterAndTheThreeRecordingsWhole()
    {
        var calls = new List<(Task<SippResult> Sipp, ConnectedCall Call, RecordOperation Started)>();
        for (var i = 0; i < 3; i++)
        {
            var (sipp, call) = await HarkSipp.AnsweredAsync(f, "uac-record-long.xml");
            calls.Add((sipp, call, await StartRecordAsync(call)));
        }

        // uac-over-capacity.xml fails unless the answer is 503 with a Retry-After.
        var refused = await Sipp.RunAsync(HarkSipp.Options(f, "uac-over-capacity.xml"), CancellationToken.None);

        Assert.True(refused.AllCallsSucceeded, refused.Describe());
        var sent = SentAudio("speech-long-pound-pcmu.pcap");
        foreach (var (sipp, call, started) in calls)
        {
            var (op, wav) = await CompleteAsync(call, started, sipp);
            var audio = WavFile.Decode(wav).Samples;
            Assert.Equal(8514, op.ResultInfo?.Subcode);
            Assert.True(audio.Length > 3 * 8000, $"recording {audio.Length / 8000.0:F2} s");
            Assert.True(FindExact(sent, audio) >= 0, "a live call's recording is not what its caller sent");
        }
    }

    private Task<RecordOperation> StartRecordAsync(ConnectedCall call) => SipRecording.StartAsync(f, call.CallId);

    private async Task<(RecordOperation Op, byte[] Wav)> CompleteAsync(ConnectedCall call, RecordOperation started, Task<SippResult> sipp)
    {
        var recorded = await SipRecording.FinishAsync(f, call, started);
        var result = await sipp;
        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Equal(OperationStatus.Completed, recorded.Operation.Status);
        Assert.Equal(HttpStatusCode.OK, recorded.DownloadStatus);
        Assert.Empty(f.Listener.Failures);
        return (recorded.Operation, recorded.Wav);
    }

    // The capture's PCMU packets decoded (ITU-T G.711, independently of Hark) onto their RTP timestamps; samples of
    // packets that were never sent are marked missing.
    private static SentSamples SentAudio(string capture)
    {
        var packets = PcapFile.ReadUdp(Path.Combine(SippScenarios.Directory, capture))
            .Select(d => d.Payload)
            .Where(p => (p[1] & 0x7F) == 0)
            .Select(p => (Timestamp: System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(4)), Payload: p[12..]))
            .ToList();
        var first = packets[0].Timestamp;
        var length = (int)(packets[^1].Timestamp - first) + packets[^1].Payload.Length;
        var samples = new short[length];
        var present = new bool[length];
        foreach (var (timestamp, payload) in packets)
        {
            var offset = (int)(timestamp - first);
            for (var i = 0; i < payload.Length; i++)
            {
                samples[offset + i] = DecodeMuLaw(payload[i]);
                present[offset + i] = true;
            }
        }

        return new SentSamples(samples, present);
    }

    private static short DecodeMuLaw(byte encoded)
    {
        var u = ~encoded & 0xFF;
        var magnitude = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (short)((u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84);
    }

    // Where the recording lies in what was sent such that every sample that arrived matches exactly; -1 if nowhere.
    private static int FindExact(SentSamples sent, short[] recording)
    {
        for (var at = 0; at + recording.Length <= sent.Samples.Length; at++)
        {
            var match = true;
            for (var i = 0; i < recording.Length && match; i++)
            {
                match = !sent.Present[at + i] || sent.Samples[at + i] == recording[i];
            }

            if (match && sent.Present.AsSpan(at, Math.Min(160, recording.Length)).IndexOf(false) < 0)
            {
                return at;
            }
        }

        return -1;
    }

    private sealed record SentSamples(short[] Samples, bool[] Present);

    public sealed class Fixture : HarkFixture
    {
        protected override IEnumerable<string> ExtraSettings => ["--Hark:Recordings:SampleRate=8000", "--Hark:Calls:MaxConcurrent=3"];
    }
}
