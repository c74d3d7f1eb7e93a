using System.Net;
using System.Net.Sockets;
using Hark.Media.Codecs;
using Hark.Media.Dtmf;
using Hark.Rtp;
using Hark.Rtp.Sessions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hark.Telephony.Tests;

/// <summary>
/// A media thread receiving through its io_uring, on real sockets on 127.0.0.1 and a fake clock. Where the kernel
/// refuses io_uring, the shard falls back to each session reading its socket, and the same assertions hold.
/// </summary>
public sealed class MediaShardRingTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger<MediaPacer> _logger = new();
    private readonly List<MediaPacer> _pacers = [];
    private readonly List<Socket> _sockets = [];

    public void Dispose()
    {
        foreach (var pacer in _pacers)
        {
            pacer.Dispose();
        }

        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    [Fact]
    public async Task Tick_ThreeSessionsOnARingShard_EveryDatagramToItsSessionInOrder()
    {
        var pacer = Start(ioUring: true);
        var calls = Enumerable.Range(0, 3).Select(_ => NewCall()).ToList();
        foreach (var call in calls)
        {
            pacer.Add(call);
        }

        await AdvanceAsync(() => calls.All(c => c.Ticks >= 2));
        for (var i = 0; i < 10; i++)
        {
            for (var c = 0; c < calls.Count; c++)
            {
                calls[c].Send(c, i);
            }
        }

        await AdvanceAsync(() => calls.All(c => c.Frames().Length >= 10));

        for (var c = 0; c < calls.Count; c++)
        {
            Assert.Equal(Enumerable.Range(0, 10).Select(i => Call.Decoded(c, i)), calls[c].Frames().Take(10));
            Assert.Equal(pacer.RingShards == 1, calls[c].Receiver.ReceivesThroughRing);
        }

        // The start-up line says which path runs: io_uring (4009) or why not (4008).
        Assert.Contains(_logger.Entries, e => e.Id.Id == (pacer.RingShards == 1 ? 4009 : 4008));
        await DisposeAllAsync(pacer, calls);
    }

    [Fact]
    public async Task DisposeAsync_SessionRemovedFromARingShard_PortBindsAgainAtOnce()
    {
        var pacer = Start(ioUring: true);
        var call = NewCall();
        pacer.Add(call);
        await AdvanceAsync(() => call.Ticks >= 2);
        Assert.Equal(pacer.RingShards == 1, call.Receiver.ReceivesThroughRing);
        var port = call.Receiver.LocalPort;

        pacer.Remove(call);
        await call.Receiver.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        again.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Tick_IoUringOff_SessionsReadTheirSocketsAndNothingIsLogged()
    {
        var pacer = Start(ioUring: false);
        var call = NewCall();
        pacer.Add(call);
        await AdvanceAsync(() => call.Ticks >= 2);
        for (var i = 0; i < 5; i++)
        {
            call.Send(0, i);
        }

        await AdvanceAsync(() => call.Frames().Length >= 5);

        Assert.Equal(0, pacer.RingShards);
        Assert.False(call.Receiver.ReceivesThroughRing);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Call.Decoded(0, i)), call.Frames().Take(5));
        Assert.DoesNotContain(_logger.Entries, e => e.Id.Id is 4008 or 4009);
        await DisposeAllAsync(pacer, [call]);
    }

    private static async Task DisposeAllAsync(MediaPacer pacer, IEnumerable<Call> calls)
    {
        foreach (var call in calls)
        {
            pacer.Remove(call);
            await call.Receiver.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private MediaPacer Start(bool ioUring)
    {
        var pacer = new MediaPacer(_time, _logger, Options.Create(new MediaEngineOptions { Threads = 1, IoUring = ioUring, ThreadNice = 0 }));
        _pacers.Add(pacer);
        pacer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return pacer;
    }

    private Call NewCall()
    {
        var caller = Bound();
        var hark = Bound();
        var sink = new FrameSink();
        var session = new RtpSession(hark, new RtpSessionParameters((IPEndPoint)caller.LocalEndPoint!, G711Codec.Pcmu, 0, 101, 20), sink, _time);
        session.Start();
        return new Call(session, sink, caller);
    }

    private Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _sockets.Add(socket);
        return socket;
    }

    // One frame at a time, each waited on until the shard has ticked for it (a generous bound guards a hang only).
    private async Task AdvanceAsync(Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++)
        {
            _time.Advance(MediaPacer.FrameDuration);
            for (var wait = 0; wait < 20 && !done(); wait++)
            {
                await Task.Delay(5);
            }
        }

        Assert.True(done());
    }

    /// <summary>A paced RTP session fed by its own caller socket.</summary>
    private sealed class Call(RtpSession session, FrameSink sink, Socket caller) : IPacedSession
    {
        private readonly byte[] _datagram = new byte[12 + 160];
        private readonly short[] _pcm = new short[160];
        private int _ticks;

        public RtpSession Receiver => session;

        RtpSession? IPacedSession.Receiver => session;

        public int Ticks => Volatile.Read(ref _ticks);

        public bool Tick()
        {
            Interlocked.Increment(ref _ticks);
            return session.Tick();
        }

        public static short Decoded(int call, int i) => MuLaw.Decode(MuLaw.Encode(Sample(call, i)));

        public void Send(int call, int i)
        {
            Array.Fill(_pcm, Sample(call, i));
            var length = RtpPacketWriter.WriteHeader(_datagram, new RtpHeader(false, 0, (ushort)i, (uint)(i * 160), (uint)(0xCA00 + call)));
            MuLaw.Encode(_pcm, _datagram.AsSpan(length, 160));
            caller.SendTo(_datagram, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, session.LocalPort));
        }

        // The first sample of each frame after the lead-in silence.
        public short[] Frames() => sink.FirstSamples().SkipWhile(s => s == 0).ToArray();

        private static short Sample(int call, int i) => (short)(500 + (call * 100) + (i * 400));
    }

    private sealed class FrameSink : IRtpMediaSink
    {
        private readonly Lock _gate = new();
        private readonly List<short> _first = [];

        public short[] FirstSamples()
        {
            lock (_gate)
            {
                return [.. _first];
            }
        }

        public void OnFrame(ReadOnlySpan<short> frame, bool concealed)
        {
            lock (_gate)
            {
                _first.Add(frame[0]);
            }
        }

        public void OnKey(DtmfKey key, long onsetSample)
        {
        }

        public void OnMediaTimeout()
        {
        }
    }
}
