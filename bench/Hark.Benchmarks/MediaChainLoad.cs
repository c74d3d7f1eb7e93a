using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Media.Codecs;
using Hark.Media.Dtmf;
using Hark.Rtp;
using Hark.Rtp.Sessions;
using Hark.Sdp;
using Hark.Telephony;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hark.Benchmarks;

/// <summary>
/// <c>media-chain [calls] [seconds] [files]</c>: a media thread's own work per call and frame, without the kernel's
/// receive. <c>calls</c> recording calls (real <see cref="RtpMediaLeg"/>s, <see cref="CallActor"/>s and
/// recordings, as the server builds them) are ticked round-robin as a shard does, each round handing every call one
/// 20 ms PCMU packet the way a media thread's io_uring does, for <c>seconds</c> of media time per repetition. The
/// WAVs go to a stream that keeps nothing unless <c>files</c> is given (then to files in a temporary folder, as the
/// server writes them). Prints the time the rounds take (a busy thread's CPU on a quiet machine) per call-frame and per
/// call-second, median of five repetitions after one unmeasured. Use hundreds of calls: as on a loaded server, each
/// call's state is out of the cache when its turn comes (with one call, the wake-up after each round's sleep dominates).
/// </summary>
internal static class MediaChainLoad
{
    private const int Repetitions = 5;

    // Half a second of silence opens the unmeasured first repetition, as a caller's line before it speaks: the VAD
    // learns the line's floor from it, and each recording starts at the speech after it.
    private const int LeadFrames = 25;
    private static readonly short[] Silence = new short[160];

    public static async Task RunAsync(string[] args)
    {
        var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        var files = args.Length > 2 && args[2] == "files";
        var folder = Path.Combine(Path.GetTempPath(), "hark-media-chain-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var time = TimeProvider.System;
        using var meters = new NoMeterFactory();
        using var pacer = new MediaPacer(time);
        var options = new RtpOptions();
        var portBase = 40000 + (2 * Random.Shared.Next(5000)); // another run or a test may hold some ports
        var factory = new RtpMediaFactory(
            new RtpPortPool(portBase, portBase + (2 * calls) + 63), pacer, Options.Create(new SipOptions()), Options.Create(options), time,
            new TelephonyMetrics(meters, pacer), NullLogger<RtpMediaLeg>.Instance);
        using var ring = UringReceiver.TryCreate(out _) ?? throw new InvalidOperationException("io_uring is needed: the chain is fed as a ring feeds it.");
        using var caller = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        caller.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var callerPort = ((IPEndPoint)caller.LocalEndPoint!).Port;
        var sender = new IPEndPoint(IPAddress.Loopback, callerPort).Serialize();
        var senderBytes = sender.Buffer[..sender.Size].ToArray();
        var offer = SessionDescription.Parse(
            $"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {callerPort} RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\n");

        var legs = new RtpMediaLeg[calls];
        var actors = new CallActor[calls];
        var runs = new Task[calls];
        CountingSink sink = files ? new FileSink(folder) : new DiscardSink();
        var record = new RecordRequest
        {
            PlayBeep = false, InitialSilenceTimeoutInSeconds = 120, MaxSilenceTimeoutInSeconds = 120, MaxRecordDurationInSeconds = 120, // the most Graph allows: six repetitions stay under it
            StopTones = [DtmfKey.Pound],
        };
        for (var c = 0; c < calls; c++)
        {
            legs[c] = factory.Answer(offer).Leg!;
            actors[c] = new CallActor(CallLifecycle.Offer(out var initial), initial, new CallMediaProcessor(8000, sink), new NoSink());
            runs[c] = actors[c].RunAsync(CancellationToken.None);
            await actors[c].ExecuteAsync(l => l.Answer());
            await actors[c].ExecuteAsync(l => l.MediaConnected());
            await actors[c].ExecuteMediaAsync(m => m.EnqueueRecord("r" + c, record));
            legs[c].Start(actors[c]);
            pacer.Remove(legs[c]); // this thread ticks them, not the pacer's shards (never started here)
            if (!ring.TryAttach(legs[c].Receiver!))
            {
                throw new InvalidOperationException("The session did not take the ring.");
            }
        }

        // The packets: a speech-like signal, each call's own sequence and timestamps.
        var payloads = BenchmarkSignal.Frames(8000);
        var packets = new byte[BenchmarkSignal.FrameCount][];
        var sequence = 0;
        var frame = 0;
        var perFrame = new List<double>();
        for (var repetition = 0; repetition <= Repetitions; repetition++)
        {
            var rounds = seconds * 50;
            var started = Stopwatch.GetTimestamp();
            long busy = 0;
            for (var round = 0; round < rounds; round++, sequence++)
            {
                var packet = packets[BenchmarkSignal.Next(ref frame)] ??= new byte[12 + 160];
                var length = RtpPacketWriter.WriteHeader(packet, new RtpHeader(false, 0, (ushort)sequence, (uint)(sequence * 160), 0xCAFE));
                MuLaw.Encode(sequence < LeadFrames ? Silence : payloads[frame], packet.AsSpan(length, 160));
                var tick = Stopwatch.GetTimestamp();
                foreach (var leg in legs)
                {
                    leg.Receiver!.ReceiveFromRing(packet, senderBytes);
                    leg.Tick();
                }

                busy += Stopwatch.GetTimestamp() - tick;

                // The server's clock runs in real time; keep the media's pace close to it so no session plays out quiet.
                var due = started + (long)((round + 1) * 0.020 * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.Sleep(1);
                }
            }

            var used = busy * 1000.0 / Stopwatch.Frequency;
            if (repetition > 0)
            {
                perFrame.Add(used * 1e6 / ((double)rounds * calls)); // ns per call-frame; the first repetition warms up
            }
        }

        perFrame.Sort();
        var median = perFrame[perFrame.Count / 2];
        var all = string.Join(", ", perFrame.Select(p => (p / 1000).ToString("0.00", CultureInfo.InvariantCulture)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"media-chain: {calls} calls, {seconds} s of media per repetition, WAVs to {(files ? "files" : "a discarding stream")}: {median / 1000:0.00} µs per call-frame, {median * 50 / 1e6:0.000} ms per call-second (median of {Repetitions}; all: {all})"));

        // As a BYE does: the tail still in each jitter buffer goes to the call first.
        for (var c = 0; c < calls; c++)
        {
            legs[c].Flush();
            await actors[c].ExecuteAsync(l => l.RemoteHungUp());
        }

        await Task.WhenAll(runs);
        ring.Dispose(); // lets go of every socket, so the legs' disposal does not wait for a poll
        foreach (var leg in legs)
        {
            await leg.DisposeAsync();
        }

        Directory.Delete(folder, recursive: true);

        // Every call's recording holds all it was handed from the speech on (to a frame), none of it concealed.
        var spoken = TimeSpan.FromSeconds(((Repetitions + 1) * seconds) - (LeadFrames * 0.020));
        var wrong = sink.Recordings.Where(r => r.ConcealedFrames != 0 || (r.Duration - spoken).Duration() > TimeSpan.FromMilliseconds(20)).ToList();
        if (sink.Recordings.Count != calls || wrong.Count > 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{sink.Recordings.Count} of {calls} recordings completed; {wrong.Count} not {spoken.TotalSeconds} s whole, e.g. {wrong.FirstOrDefault()}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"media-chain: all {calls} recordings whole ({spoken.TotalSeconds} s from the speech on, 0 concealed)"));
    }

    private sealed class NoSink : ICallEventSink
    {
        public ValueTask OnDecisionAsync(CallDecision decision, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask OnMediaEventAsync(MediaEvent mediaEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    // Keeps what each recording reported at its end, for the check after the run.
    private abstract class CountingSink : IRecordingSink
    {
        public ConcurrentBag<RecordingInfo> Recordings { get; } = [];

        public abstract Stream Open(string operationId);

        public void Completed(RecordingInfo recording) => Recordings.Add(recording);

        public void Discarded(string operationId) => throw new InvalidOperationException($"Recording {operationId} was discarded.");
    }

    private sealed class DiscardSink : CountingSink
    {
        public override Stream Open(string operationId) => new DiscardStream();
    }

    // Recordings as the file store writes them: a FileStream without a buffer of its own.
    private sealed class FileSink(string directory) : CountingSink
    {
        public override Stream Open(string operationId) => new FileStream(
            Path.Combine(directory, operationId + ".wav"),
            new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.Read, BufferSize = 0 });
    }

    private sealed class NoMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        private readonly List<System.Diagnostics.Metrics.Meter> _meters = [];

        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options)
        {
            var meter = new System.Diagnostics.Metrics.Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}
