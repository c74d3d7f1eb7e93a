using System.Net;
using System.Net.Sockets;
using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Calls.Tests.Media;
using Hark.Media.Codecs;
using Hark.Media.Dtmf;
using Hark.Rtp;
using Hark.Sdp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Hark.Telephony.Tests;

/// <summary>
/// What one recorded call keeps in memory on the media side: its RTP leg (sockets, session, jitter buffer), its call
/// (actor, media processor) and its recording in progress (WAV writer, file stream), measured as the managed heap a
/// hundred such calls add, after a full collection.
/// </summary>
public sealed class MediaMemoryTests(ITestOutputHelper output)
{
    private const int Calls = 100;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // With io_uring, each call's receive runs in a ring on a thread of its own (as a media shard's), which adds a slot per call.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RecordingCalls_Hundred_KeepUnderSixtyFourKilobytesOfHeapEach(bool ioUring)
    {
        using var ring = ioUring ? new RingThread() : null;
        var time = new FakeTimeProvider();
        using var meters = new TestMeterFactory();
        using var pacer = new MediaPacer(time);
        var factory = new RtpMediaFactory(
            new RtpPortPool(43000, 44999), pacer, Options.Create(new SipOptions()), Options.Create(new RtpOptions()), time,
            new TelephonyMetrics(meters, pacer), NullLogger<RtpMediaLeg>.Instance);
        var directory = Directory.CreateTempSubdirectory("hark-memory-");
        var speech = new CallerAudio(8000, 2).Speech(0.5, 2).ToPcm16();
        using var caller = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        caller.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var offer = SessionDescription.Parse(
            $"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {((IPEndPoint)caller.LocalEndPoint!).Port} RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n");
        var calls = new List<(RtpMediaLeg Leg, CallActor Actor, Task Run)>();
        try
        {
            // One call first, so what every call shares (code, statics, pools) is not counted.
            calls.Add(await StartAsync());
            await FeedAsync(calls[0].Leg);
            var baseline = Heap();

            for (var i = 1; i <= Calls; i++)
            {
                calls.Add(await StartAsync());
            }

            var legs = Heap();
            foreach (var (leg, _, _) in calls.Skip(1))
            {
                await FeedAsync(leg);
            }

            var recording = Heap();
            var perCall = (recording - baseline) / Calls;
            Assert.All(calls, c => Assert.True(c.Leg.ConcealedFrames == 0 && c.Leg.Receiver!.Statistics.Accepted > 0));
            output.WriteLine($"per call: {(legs - baseline) / Calls / 1024.0:F1} KB established (leg, session, actor, processor); {(recording - legs) / Calls / 1024.0:F1} KB more once recording; {perCall / 1024.0:F1} KB in all");
            // About 50 KB measured (119 KB before the jitter ring, WAV buffer, resampler and RTCP cuts); the bound catches
            // a buffer that grows back, not the noise of a collection.
            Assert.True(perCall <= 64 * 1024, $"{perCall / 1024.0:F1} KB per call");
        }
        finally
        {
            foreach (var (leg, actor, run) in calls)
            {
                await actor.ExecuteAsync(c => c.RemoteHungUp()).WaitAsync(Timeout);
                await run.WaitAsync(Timeout);
                await leg.DisposeAsync();
            }

            directory.Delete(recursive: true);
        }

        async Task<(RtpMediaLeg, CallActor, Task)> StartAsync()
        {
            var leg = factory.Answer(offer).Leg!;
            var actor = new CallActor(CallLifecycle.Offer(out var initial), initial, new CallMediaProcessor(8000, new FileSink(directory.FullName)), new NoSink());
            var run = actor.RunAsync(CancellationToken.None);
            await actor.ExecuteAsync(c => c.Answer()).WaitAsync(Timeout);
            await actor.ExecuteAsync(c => c.MediaConnected()).WaitAsync(Timeout);
            var record = new RecordRequest { PlayBeep = false, MaxRecordDurationInSeconds = 60, MaxSilenceTimeoutInSeconds = 10, StopTones = [DtmfKey.Pound] };
            await actor.ExecuteMediaAsync(m => m.EnqueueRecord("r", record)).WaitAsync(Timeout);
            leg.Start(actor);
            if (ring is not null)
            {
                await ring.InvokeAsync(r => r?.TryAttach(leg.Receiver!)).WaitAsync(Timeout);
            }

            return (leg, actor, run);
        }

        // Two seconds of the caller: quiet, then speech that opens the recording's WAV.
        async Task FeedAsync(RtpMediaLeg leg)
        {
            var packet = new byte[12 + 160];
            for (var i = 0; i < 100; i++)
            {
                var length = RtpPacketWriter.WriteHeader(packet, new RtpHeader(false, 0, (ushort)i, (uint)(i * 160), 0xCAFE));
                MuLaw.Encode(speech.AsSpan(i * 160, 160), packet.AsSpan(length, 160));
                caller.SendTo(packet, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, leg.Port));
                if (i % 25 == 24)
                {
                    // The ring's thread polls (and, with the leg in the ring, hands it the packets) before the tick.
                    if (ring is not null)
                    {
                        await ring.InvokeAsync(r => r?.Poll()).WaitAsync(Timeout);
                    }

                    leg.Tick();
                }
            }

            // Drop what Hark sent back, so the caller's socket does not fill.
            var buffer = new byte[1500];
            while (caller.Poll(0, SelectMode.SelectRead))
            {
                caller.Receive(buffer);
            }
        }
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed class NoSink : ICallEventSink
    {
        public ValueTask OnDecisionAsync(CallDecision decision, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask OnMediaEventAsync(MediaEvent mediaEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    // Recordings as the file store writes them: a FileStream without a buffer of its own.
    private sealed class FileSink(string directory) : IRecordingSink
    {
        public Stream Open(string operationId) => new FileStream(
            Path.Combine(directory, Guid.NewGuid().ToString("N") + ".wav"),
            new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.Read, BufferSize = 0 });

        public void Completed(RecordingInfo recording)
        {
        }

        public void Discarded(string operationId)
        {
        }
    }
}
