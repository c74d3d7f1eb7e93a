using System.Net;
using System.Net.Sockets;
using Hark.Media.Codecs;
using Hark.Media.Dtmf;
using Hark.Rtp.Events;
using Hark.Rtp.Sessions;

namespace Hark.Rtp.Tests.Sessions;

/// <summary>A session on a real UDP socket on 127.0.0.1, fed by a second socket playing the caller.</summary>
#pragma warning disable CA1001 // The session and sockets are disposed in IAsyncLifetime.DisposeAsync.
public sealed partial class RtpSessionTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private Socket _caller = Bound();
    private readonly Socket _hark = Bound();
    private readonly RecordingSink _sink = new();
    private readonly ManualClock _clock = new();
    private RtpSession _session = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        _caller.Dispose();
    }

    [Fact]
    public void Tick_CallerSendsPcmu_FramesDeliveredInMediaTimeAtOnce()
    {
        Start(20);
        var tone = Tone(160 * 5);
        for (var i = 0; i < 5; i++)
        {
            SendAudio(tone.AsSpan(i * 160, 160), (ushort)(100 + i), (uint)(5000 + (i * 160)));
        }

        Assert.True(_session.Tick());

        // The playout delay's silence, then the five frames in order, exactly as G.711 decodes them, all on
        // the one tick that found them: playout follows media time, not the clock.
        AssertDelivered(tone, leadIn: 3);
    }

    [Fact]
    public void Tick_AfterTheEngineStalledTwoSeconds_EveryPacketDeliveredInOrderAndNothingConcealed()
    {
        Start(20);
        var tone = Tone(160 * 100);
        for (var i = 0; i < 100; i++)
        {
            SendAudio(tone.AsSpan(i * 160, 160), (ushort)(65500 + i), (uint)(4_294_960_000 + (i * 160)));
        }

        // 2 s of audio waited in the socket while nothing ticked; the clock moved on meanwhile.
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(_session.Tick());
        Assert.True(_session.Tick());

        AssertDelivered(tone, leadIn: 3);
        Assert.Equal(0, _session.ConcealedFrames);
        Assert.Equal(0, _session.Statistics.Late);
    }

    [Fact]
    public void Tick_PacketsThatNeverArrived_ConcealedAndCounted()
    {
        Start(20);
        var tone = Tone(160 * 20);
        for (var i = 0; i < 20; i++)
        {
            if (i is not (5 or 6 or 12))
            {
                SendAudio(tone.AsSpan(i * 160, 160), (ushort)i, (uint)(i * 160));
            }
        }

        Assert.True(_session.Tick());
        _session.Flush();

        Assert.Equal(3, _session.ConcealedFrames);
        Assert.Equal((3 + 20) * 160, _sink.Samples.Count);
    }

    [Fact]
    public void Flush_LastPacketsWithinTheReorderWindow_Delivered()
    {
        Start(20);
        var tone = Tone(160 * 3);
        SendAudio(tone.AsSpan(0, 160), 1, 0);
        SendAudio(tone.AsSpan(320, 160), 3, 320);
        Assert.True(_session.Tick());
        var beforeFlush = _sink.Samples.Count;

        _session.Flush();

        // The missing middle frame waited for its reorder window; at the end of the call it is given up.
        Assert.Equal((3 + 1) * 160, beforeFlush);
        Assert.Equal((3 + 3) * 160, _sink.Samples.Count);
        Assert.Equal(1, _session.ConcealedFrames);
    }

    [Fact]
    public void TickAndSendFrame_FiftyPacketsEachWay_AllocateNothing()
    {
        var sink = new CountingSink();
        var parameters = new RtpSessionParameters((IPEndPoint)_caller.LocalEndPoint!, G711Codec.Pcmu, 0, 101, 20);
        _session = new RtpSession(_hark, parameters, sink, _clock);
        _session.Start();
        var datagram = new byte[12 + 160];
        var outbound = new short[160];
        var sequence = 0;

        var allocated = Hark.Testing.Allocations.Least(() =>
        {
            for (var i = 0; i < 50; i++, sequence++)
            {
                var length = RtpPacketWriter.Write(datagram, new RtpHeader(false, 0, (ushort)sequence, (uint)(sequence * 160), 0xCAFE), new byte[160]);
                _caller.SendTo(datagram.AsSpan(0, length), SocketFlags.None, _hark.LocalEndPoint!);
            }

            return () =>
            {
                _session.Tick();
                for (var i = 0; i < 50; i++)
                {
                    _session.SendFrame(outbound);
                }
            };
        });

        Assert.Equal(0, allocated);
        Assert.True(sink.Frames >= 6 * 50, $"{sink.Frames} frames");
        Assert.Equal(0, _session.ConcealedFrames);
    }

    [Fact]
    public void Tick_CallerQuiet_ClockPlaysOutSilenceAfterTheQuietTime()
    {
        Start(20);
        SendAudio(Tone(160), 1, 0);
        Assert.True(_session.Tick());
        var delivered = _sink.Samples.Count;

        _clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.True(_session.Tick());
        Assert.Equal(delivered, _sink.Samples.Count);
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.True(_session.Tick());

        // 600 ms quiet, 500 ms of them allowed for: 100 ms (5 frames) played by the clock, not counted as loss.
        Assert.Equal(delivered + (5 * 160), _sink.Samples.Count);
        Assert.Equal(0, _session.ConcealedFrames);
    }

    [Fact]
    public async Task SendFrameAndTick_AfterDispose_FrameDroppedAndTickSaysTheSessionEnded()
    {
        Start(20);
        _session.SendFrame(Tone(160));
        Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(await ReceiveAsync(), out _));

        // A caller's BYE disposes the session while the call's loop and the pacer may still reach it.
        await _session.DisposeAsync();
        _session.SendFrame(Tone(160));

        Assert.False(_session.Tick());
        Assert.False(_caller.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectRead), "a packet was sent after dispose");
    }

    [Fact]
    public async Task SendFrame_AfterCallerSpokeFromElsewhere_SentToWhereItsPacketsComeFrom()
    {
        Start(20, negotiatedRemote: new IPEndPoint(IPAddress.Loopback, 9));
        SendAudio(new short[160], 1, 0);
        _session.Tick();
        Assert.Equal(((IPEndPoint)_caller.LocalEndPoint!).Port, _session.Remote.Port);

        _session.SendFrame(Tone(160));

        var packet = await ReceiveAsync();
        Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(packet, out var rtp));
        Assert.Equal(0, rtp.PayloadType);
        Assert.Equal(160, rtp.Payload.Length);
    }

    [Fact]
    public async Task SendFrame_ThirtyMillisecondPackets_ThreeFramesMakeTwoPackets()
    {
        Start(30, negotiatedRemote: (IPEndPoint)_caller.LocalEndPoint!);

        for (var i = 0; i < 3; i++)
        {
            _session.SendFrame(Tone(160));
        }

        var first = await ReceiveAsync();
        var second = await ReceiveAsync();
        Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(first, out var a));
        Assert.Equal(240, a.Payload.Length);
        Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(second, out var b));
        Assert.Equal(240, b.Payload.Length);
        Assert.Equal((ushort)(a.SequenceNumber + 1), b.SequenceNumber);
        Assert.Equal(a.Timestamp + 240, b.Timestamp);
    }

    [Fact]
    public async Task Receive_TelephoneEvent_KeyReported()
    {
        Start(20);
        var payload = new byte[4];
        new TelephoneEvent((byte)DtmfKey.Pound, End: false, Volume: 10, Duration: 160).Write(payload);
        var datagram = new byte[64];
        var length = RtpPacketWriter.Write(datagram, new RtpHeader(true, 101, 7, 8000, 0x1234), payload);

        _caller.SendTo(datagram.AsSpan(0, length), SocketFlags.None, _hark.LocalEndPoint!);
        _session.Tick();
        await _sink.KeySeen.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(DtmfKey.Pound, Assert.Single(_sink.Keys).Key);
    }

    [Fact]
    public void Tick_NoMediaForTheTimeout_ReportsOnceAndStops()
    {
        Start(20);

        Assert.True(_session.Tick());
        _clock.Advance(TimeSpan.FromSeconds(31));

        Assert.False(_session.Tick());
        Assert.False(_session.Tick());
        Assert.Equal(1, _sink.Timeouts);
    }

    [Fact]
    public async Task Tick_EveryFiveSeconds_SendsASenderReportWithABlockForTheCallerAndACname()
    {
        // The caller's RTCP port is its RTP port + 1, as the SDP implies.
        var (callerRtp, callerRtcp) = PortPair();
        _caller.Dispose();
        _caller = callerRtp;
        using var hark = Bound();
        Start(20, rtcp: hark);
        SendAudio(new short[160], 1, 0);
        SendAudio(new short[160], 2, 160);
        _session.Tick();
        Assert.Equal(2, _session.Statistics.Accepted);
        _session.SendFrame(Tone(160));

        for (var i = 0; i < 250; i++)
        {
            _session.Tick();
        }

        var buffer = new byte[1500];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var received = await callerRtcp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        callerRtcp.Dispose();
        var reader = new Hark.Rtp.Rtcp.RtcpCompoundReader(buffer.AsSpan(0, received.ReceivedBytes));
        Assert.True(reader.TryRead(out var first));
        Assert.True(Hark.Rtp.Rtcp.RtcpSenderReport.TryParse(first, out var report));
        Assert.Equal(1u, report.SenderInfo.PacketCount);
        Assert.Equal(1, report.ReportCount);
        Assert.Equal(0xCAFEu, report.GetReportBlock(0).Ssrc);
        Assert.True(reader.TryRead(out var second));
        Assert.Equal((byte)Hark.Rtp.Rtcp.RtcpPacketType.SourceDescription, second.PacketType);
    }

    [Fact]
    public async Task Tick_CallerSentASenderReport_ReadOnTheTickAndEchoedInHarksNextReportBlock()
    {
        var (callerRtp, callerRtcp) = PortPair();
        _caller.Dispose();
        _caller = callerRtp;
        using var hark = Bound();
        Start(20, rtcp: hark);
        SendAudio(new short[160], 1, 0);
        SendAudio(new short[160], 2, 160);
        _session.Tick();

        // The caller's SR (same SSRC as its audio) reaches Hark's RTCP port; no receive is pending for it.
        const ulong ntp = 0x0123_4567_89AB_CDEFUL;
        var sr = new byte[64];
        var length = Hark.Rtp.Rtcp.RtcpWriter.WriteSenderReport(sr, 0xCAFE, new Hark.Rtp.Rtcp.RtcpSenderInfo(ntp, 160, 2, 320), []);
        callerRtcp.SendTo(sr.AsSpan(0, length), SocketFlags.None, hark.LocalEndPoint!);
        for (var i = 0; i < 250; i++)
        {
            _session.Tick();
        }

        var buffer = new byte[1500];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var received = await callerRtcp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        callerRtcp.Dispose();
        var reader = new Hark.Rtp.Rtcp.RtcpCompoundReader(buffer.AsSpan(0, received.ReceivedBytes));
        Assert.True(reader.TryRead(out var first));
        var block = ReportBlockOf(first);
        Assert.Equal(0xCAFEu, block.Ssrc);
        Assert.Equal(Hark.Rtp.Rtcp.NtpTimestamp.Middle32(ntp), block.LastSenderReport);
    }

    private static Hark.Rtp.Rtcp.RtcpReportBlock ReportBlockOf(Hark.Rtp.Rtcp.RtcpPacket packet) =>
        Hark.Rtp.Rtcp.RtcpSenderReport.TryParse(packet, out var sr) ? sr.GetReportBlock(0)
        : Hark.Rtp.Rtcp.RtcpReceiverReport.TryParse(packet, out var rr) ? rr.GetReportBlock(0)
        : throw new InvalidOperationException("not a report");

    private void Start(int ptime, IPEndPoint? negotiatedRemote = null, Socket? rtcp = null, TimeSpan? idleKeepAlive = null)
    {
        var parameters = new RtpSessionParameters(negotiatedRemote ?? (IPEndPoint)_caller.LocalEndPoint!, G711Codec.Pcmu, 0, 101, ptime)
        {
            IdleKeepAlive = idleKeepAlive,
        };
        _session = new RtpSession(_hark, parameters, _sink, _clock, rtcp);
        _session.Start();
    }

    private static (Socket Rtp, Socket Rtcp) PortPair()
    {
        for (var port = 40000; ; port += 2)
        {
            var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                rtcp.Bind(new IPEndPoint(IPAddress.Loopback, port + 1));
                return (rtp, rtcp);
            }
            catch (SocketException) when (port < 41000)
            {
                rtp.Dispose();
                rtcp.Dispose();
            }
        }
    }

    private void SendAudio(ReadOnlySpan<short> pcm, ushort sequence, uint timestamp)
    {
        var payload = new byte[pcm.Length];
        MuLaw.Encode(pcm, payload);
        var datagram = new byte[12 + payload.Length];
        var length = RtpPacketWriter.Write(datagram, new RtpHeader(false, 0, sequence, timestamp, 0xCAFE), payload);
        _caller.SendTo(datagram.AsSpan(0, length), SocketFlags.None, _hark.LocalEndPoint!);
    }

    private async Task<byte[]> ReceiveAsync()
    {
        var buffer = new byte[2048];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var received = await _caller.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return buffer[..received.ReceivedBytes];
    }

    private void AssertDelivered(short[] tone, int leadIn)
    {
        var expected = new short[tone.Length];
        var encoded = new byte[tone.Length];
        MuLaw.Encode(tone, encoded);
        MuLaw.Decode(encoded, expected);
        Assert.Equal((leadIn * 160) + tone.Length, _sink.Samples.Count);
        Assert.All(_sink.Samples.Take(leadIn * 160), s => Assert.Equal(0, s));
        Assert.True(expected.SequenceEqual(_sink.Samples.Skip(leadIn * 160)), $"stats {_session.Statistics}");
    }

    private static short[] Tone(int samples)
    {
        var pcm = new short[samples];
        for (var i = 0; i < samples; i++)
        {
            pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * i / 8000.0));
        }

        return pcm;
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private sealed class CountingSink : IRtpMediaSink
    {
        public int Frames { get; private set; }

        public void OnFrame(ReadOnlySpan<short> frame, bool concealed) => Frames++;

        public void OnKey(DtmfKey key, long onsetSample)
        {
        }

        public void OnMediaTimeout()
        {
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
