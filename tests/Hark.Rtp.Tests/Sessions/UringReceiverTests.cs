using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Hark.Media.Codecs;
using Hark.Media.Dtmf;
using Hark.Rtp.Sessions;

namespace Hark.Rtp.Tests.Sessions;

/// <summary>
/// Sessions whose receive runs through one io_uring owned by the test's thread, on real sockets on 127.0.0.1. Where
/// the kernel refuses io_uring (a seccomp profile, an old kernel), <see cref="UringReceiver.TryCreate"/> gives null and
/// the same assertions hold for the sessions reading their sockets themselves: the fallback.
/// </summary>
public sealed class UringReceiverTests
{
    [Fact]
    public void TryParse_HeaderNameAndPayload_SplitsThem()
    {
        var buffer = new byte[UringReceiver.BufferSize];
        Header(buffer, nameLength: 16, payloadLength: 5, flags: 0);
        buffer.AsSpan(16, 16).Fill(0xAA);
        buffer.AsSpan(16 + UringReceiver.NameRoom, 5).Fill(0x55);

        Assert.True(UringRecvMsg.TryParse(buffer, 16 + UringReceiver.NameRoom + 5, UringReceiver.NameRoom, out var sender, out var payload, out var truncated));
        Assert.Equal(16, sender.Length);
        Assert.All(sender.ToArray(), b => Assert.Equal(0xAA, b));
        Assert.Equal([0x55, 0x55, 0x55, 0x55, 0x55], payload.ToArray());
        Assert.False(truncated);
    }

    [Fact]
    public void TryParse_DatagramLongerThanTheBuffer_KeepsWhatWasCopiedAndSaysTruncated()
    {
        var buffer = new byte[UringReceiver.BufferSize];
        Header(buffer, nameLength: 16, payloadLength: 900, flags: 0x20);

        Assert.True(UringRecvMsg.TryParse(buffer, buffer.Length, UringReceiver.NameRoom, out _, out var payload, out var truncated));
        Assert.Equal(UringReceiver.MaxPayload, payload.Length);
        Assert.True(truncated);
    }

    [Fact]
    public void TryParse_ShorterThanTheHeader_False()
    {
        var buffer = new byte[UringReceiver.BufferSize];
        Assert.False(UringRecvMsg.TryParse(buffer, 10, UringReceiver.NameRoom, out _, out _, out _));
    }

    [Fact]
    public void Poll_FourSessions_EveryDatagramToItsSessionInOrderInOnePoll()
    {
        using var ring = UringReceiver.TryCreate(out _);
        using var calls = new Calls(ring, 4);
        for (var call = 0; call < 4; call++)
        {
            for (var i = 0; i < 10; i++)
            {
                calls.Send(call, i);
            }
        }

        calls.Round();

        for (var call = 0; call < 4; call++)
        {
            calls.AssertDelivered(call, 10);
        }
    }

    [Fact]
    public void Poll_PeerUnreachable_ReceiveArmedAgainAndLaterPacketsDelivered()
    {
        using var ring = UringReceiver.TryCreate(out _);
        using var calls = new Calls(ring, 1, unreachableRemote: true);
        calls.Round();

        // Hark's packet to a closed port comes back as ICMP port unreachable: the socket's next read fails with it.
        calls.Sessions[0].SendFrame(new short[160]);
        for (var i = 0; i < 5; i++)
        {
            calls.Send(0, i);
        }

        calls.Round();
        calls.Round();

        calls.AssertDelivered(0, 5);
    }

    [Fact]
    public void Poll_BacklogBeyondTheKernelsBatch_EveryOneDeliveredInOrderInOnePollThroughTheRing()
    {
        using var ring = UringReceiver.TryCreate(out _);
        using var calls = new Calls(ring, 2, receiveBufferBytes: 4 << 20);
        calls.Round();

        // 2 x 1,100 datagrams (22 s of audio after a stall): the kernel gives 33 a socket per enter; the poll reads on.
        for (var i = 0; i < 1100; i++)
        {
            calls.Send(0, i);
            calls.Send(1, i);
        }

        // Through the ring, one poll reads it all; a session reading its own socket takes 256 a tick.
        for (var round = 0; round < (ring is null ? 5 : 1); round++)
        {
            calls.Round();
        }

        calls.AssertDelivered(0, 1100);
        calls.AssertDelivered(1, 1100);
    }

    [Fact]
    public void Poll_MoreDatagramsAtOnceThanBuffers_ReceivesArmedAgainAfterEnobufsAndEveryOneDelivered()
    {
        using var ring = UringReceiver.TryCreate(bufferCount: 16, out _);
        using var calls = new Calls(ring, 3);
        calls.Round();

        // 3 x 30 datagrams waiting against 16 buffers: a receive that finds none ends (ENOBUFS) and is armed again,
        // after the walk gave the buffers back; the next rounds read the rest, in order.
        for (var call = 0; call < 3; call++)
        {
            for (var i = 0; i < 30; i++)
            {
                calls.Send(call, i);
            }
        }

        for (var round = 0; round < 12; round++)
        {
            calls.Round();
        }

        for (var call = 0; call < 3; call++)
        {
            calls.AssertDelivered(call, 30);
        }

        Assert.True(ring is null || ring.Rearmed > 0, "no receive ran out of buffers");
    }

    [Fact]
    public void DisposeAsync_SessionInTheRing_PortBindsAgainAtOnce()
    {
        using var ring = UringReceiver.TryCreate(out _);
        var calls = new Calls(ring, 1);
        calls.Round();
        Assert.Equal(ring is not null, calls.Sessions[0].ReceivesThroughRing);
        var port = calls.Sessions[0].LocalPort;

        // The ring's thread (here the test's: the ring has one submitter) polls while the session waits for it to let go.
        calls.Dispose();
        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        again.Bind(new IPEndPoint(IPAddress.Loopback, port));
        Assert.Equal(0, ring?.Count ?? 0);
    }

    [Fact]
    public void Poll_OneSessionThrows_ReportedAndTheOthersStillGetTheirs()
    {
        using var ring = UringReceiver.TryCreate(out _);
        var failures = new List<Exception>();
        ring?.DeliveryFailed = failures.Add;
        using var calls = new Calls(ring, 2);
        calls.Round();
        calls.Sinks[0].Throws = true;
        for (var i = 0; i < 5; i++)
        {
            calls.Send(0, i);
            calls.Send(1, i);
        }

        ring?.Poll();
        calls.Sessions[1].Tick();

        calls.AssertDelivered(1, 5);
        Assert.Equal(ring is null ? 0 : 5, failures.Count);
        calls.Sinks[0].Throws = false;
    }

    [Fact]
    public void Dispose_RingWithSessions_TheyReadTheirSocketsAgain()
    {
        var ring = UringReceiver.TryCreate(out _);
        using var calls = new Calls(ring, 2);
        calls.Round();
        ring?.Dispose();
        Assert.All(calls.Sessions, s => Assert.False(s.ReceivesThroughRing));

        for (var i = 0; i < 5; i++)
        {
            calls.Send(0, i);
            calls.Send(1, i);
        }

        calls.Round(); // the disposed ring's poll does nothing; each tick reads its socket

        calls.AssertDelivered(0, 5);
        calls.AssertDelivered(1, 5);
    }

    [Fact]
    public void PollAndTick_FiftyPacketsThroughTheRing_AllocateNothing()
    {
        using var ring = UringReceiver.TryCreate(out _);
        using var calls = new Calls(ring, 1);
        calls.Round();
        var sequence = 0;

        var allocated = Hark.Testing.Allocations.Least(() =>
        {
            for (var i = 0; i < 50; i++, sequence++)
            {
                calls.Send(0, sequence);
            }

            return calls.Round;
        });

        Assert.Equal(0, allocated);
        Assert.True(calls.Sinks[0].Samples.Count >= 6 * 50 * 160, $"{calls.Sinks[0].Samples.Count} samples");
        Assert.Equal(0, calls.Sessions[0].ConcealedFrames);
    }

    private static void Header(Span<byte> buffer, uint nameLength, uint payloadLength, int flags)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, nameLength);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[8..], payloadLength);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[12..], flags);
    }

    /// <summary>Sessions on real sockets, each fed by its own caller socket, attached to the ring when there is one.</summary>
    private sealed class Calls : IDisposable
    {
        private readonly UringReceiver? _ring;
        private readonly Socket[] _callers;
        private readonly Socket[] _hark;
        private readonly byte[] _datagram = new byte[12 + 160];
        private readonly short[] _pcm = new short[160];

        public Calls(UringReceiver? ring, int count, bool unreachableRemote = false, int receiveBufferBytes = 0)
        {
            _ring = ring;
            _callers = new Socket[count];
            _hark = new Socket[count];
            Sessions = new RtpSession[count];
            Sinks = new RecordingSink[count];
            for (var i = 0; i < count; i++)
            {
                _callers[i] = Bound();
                _hark[i] = Bound();
                var remote = (IPEndPoint)_callers[i].LocalEndPoint!;
                if (unreachableRemote)
                {
                    using var closed = Bound();
                    remote = (IPEndPoint)closed.LocalEndPoint!;

                    // Unconnected UDP sockets hear of ICMP errors only with IP_RECVERR.
                    _hark[i].SetSocketOption(SocketOptionLevel.IP, (SocketOptionName)11, true);
                }

                Sinks[i] = new RecordingSink();
                var parameters = new RtpSessionParameters(remote, G711Codec.Pcmu, 0, 101, 20) { ReceiveBufferBytes = receiveBufferBytes };
                Sessions[i] = new RtpSession(_hark[i], parameters, Sinks[i], TimeProvider.System);
                Sessions[i].Start();
                Assert.Equal(ring is not null, ring?.TryAttach(Sessions[i]) ?? false);
            }
        }

        public RtpSession[] Sessions { get; }

        public RecordingSink[] Sinks { get; }

        // One media tick: the ring's single poll, then every session's tick.
        public void Round()
        {
            _ring?.Poll();
            foreach (var session in Sessions)
            {
                session.Tick();
            }
        }

        // Packet i of call c: a frame whose every sample says (c, i), so what arrives where and in what order shows.
        public void Send(int call, int i)
        {
            Array.Fill(_pcm, Sample(call, i));
            var length = RtpPacketWriter.WriteHeader(_datagram, new RtpHeader(false, 0, (ushort)i, (uint)(i * 160), (uint)(0xCA00 + call)));
            MuLaw.Encode(_pcm, _datagram.AsSpan(length, 160));
            _callers[call].SendTo(_datagram, SocketFlags.None, _hark[call].LocalEndPoint!);
        }

        public void AssertDelivered(int call, int packets)
        {
            Sessions[call].Flush();
            var frames = Sinks[call].Samples.Chunk(160).Select(f => f[0]).SkipWhile(s => s == 0).ToArray();
            var expected = Enumerable.Range(0, packets).Select(i => MuLaw.Decode(MuLaw.Encode(Sample(call, i)))).ToArray();
            Assert.Equal(expected, frames);
            Assert.Equal(0, Sessions[call].ConcealedFrames);
            Assert.Equal(packets, Sessions[call].Statistics.Accepted);
        }

        public void Dispose()
        {
            foreach (var session in Sessions)
            {
                var disposing = session.DisposeAsync().AsTask();
                var deadline = DateTime.UtcNow.AddSeconds(10); // guards a hang only
                while (!disposing.IsCompleted && DateTime.UtcNow < deadline)
                {
                    _ring?.Poll();
                    Thread.Sleep(1);
                }

                Assert.True(disposing.IsCompleted, "the ring never let the socket go");
                disposing.GetAwaiter().GetResult();
            }

            foreach (var caller in _callers)
            {
                caller.Dispose();
            }
        }

        // Distinct per call and packet, never zero (lead-in silence is), and exact through G.711.
        private static short Sample(int call, int i) => (short)(500 + (call * 100) + ((i % 64) * 400));

        private static Socket Bound()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return socket;
        }
    }
}
