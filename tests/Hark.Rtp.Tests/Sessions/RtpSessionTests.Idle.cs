using System.Net.Sockets;
using Hark.Media.Dtmf;

namespace Hark.Rtp.Tests.Sessions;

/// <summary>Silence suppression: what an idle call sends (RtpSessionParameters.IdleKeepAlive).</summary>
public sealed partial class RtpSessionTests
{
    private static readonly TimeSpan HundredMilliseconds = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void SendFrame_IdleWithKeepAlive_TheFirstAndOnePerIntervalSent_TimestampRunsOnAndMarksEachResumption()
    {
        Start(20, idleKeepAlive: HundredMilliseconds);

        for (var i = 0; i < 11; i++)
        {
            _session.SendFrame(new short[160], idle: true);
        }

        // Frames 1, 6 and 11: the first, then one per 100 ms (5 packets).
        var sent = ReceiveWaiting();
        Assert.Equal(3, sent.Count);
        Assert.All(sent, p => Assert.True(p.Marker));
        Assert.Equal([0u, 800u, 1600u], sent.Select(p => p.Timestamp - sent[0].Timestamp));
        Assert.Equal([0, 1, 2], sent.Select(p => (ushort)(p.SequenceNumber - sent[0].SequenceNumber)).Select(d => (int)d));
    }

    [Fact]
    public void SendFrame_SoundAfterSkippedIdleFrames_SentAtOnceMarkedAsATalkspurtStart()
    {
        Start(20, idleKeepAlive: HundredMilliseconds);
        _session.SendFrame(new short[160], idle: true);
        _session.SendFrame(new short[160], idle: true);
        _session.SendFrame(new short[160], idle: true);

        _session.SendFrame(Tone(160));
        _session.SendFrame(Tone(160));

        var sent = ReceiveWaiting();
        Assert.Equal(3, sent.Count);
        Assert.Equal(3u * 160, sent[1].Timestamp - sent[0].Timestamp);
        Assert.True(sent[1].Marker);
        Assert.False(sent[2].Marker);
        Assert.Equal(160u, sent[2].Timestamp - sent[1].Timestamp);
    }

    [Fact]
    public void HoldFrame_SoundHeldThenSent_NothingWhileHeldAndTheTimestampRanOnMarked()
    {
        Start(20);
        _session.SendFrame(Tone(160));
        for (var i = 0; i < 4; i++)
        {
            _session.HoldFrame(Tone(160));
        }

        _session.SendFrame(Tone(160));

        var sent = ReceiveWaiting();
        Assert.Equal(2, sent.Count);
        Assert.Equal(5u * 160, sent[1].Timestamp - sent[0].Timestamp);
        Assert.True(sent[1].Marker);
        Assert.Equal(1, (ushort)(sent[1].SequenceNumber - sent[0].SequenceNumber));
    }

    [Fact]
    public void SendFrame_ThirtyMillisecondPacketsWithOneSoundFrame_ThePacketHoldingItIsSent()
    {
        Start(30, idleKeepAlive: TimeSpan.FromSeconds(1));
        _session.SendFrame(new short[160], idle: true); // the first packet (frames 1 and half of 2) goes out
        _session.SendFrame(new short[160], idle: true);
        _session.SendFrame(new short[160], idle: true); // packet 2 (rest of frame 2, frame 3): idle, skipped
        _session.SendFrame(new short[160], idle: true);
        _session.SendFrame(Tone(160)); // packet 3 holds sound

        var sent = ReceiveWaiting();
        Assert.Equal(2, sent.Count);
        Assert.Equal(480u, sent[1].Timestamp - sent[0].Timestamp);
    }

    [Fact]
    public void SendFrame_IdleWithoutKeepAlive_EveryPacketSent()
    {
        Start(20);
        for (var i = 0; i < 5; i++)
        {
            _session.SendFrame(new short[160], idle: true);
        }

        Assert.Equal(5, ReceiveWaiting().Count);
    }

    [Fact]
    public void SendFrame_IdleWhileAKeyPressGoesOut_ItsEventPacketsAreSent()
    {
        Start(20, idleKeepAlive: TimeSpan.FromSeconds(1));
        _session.SendFrame(new short[160], idle: true);
        _session.StartEvent(DtmfKey.Digit5, 800);
        for (var i = 0; i < 10; i++)
        {
            _session.SendFrame(new short[160], idle: true);
        }

        var events = ReceiveWaiting().Where(p => p.PayloadType == 101).ToList();

        // 800 units: updates at 160, 320, 480 and 640, then the end packet (800) three times.
        Assert.Equal(7, events.Count);
        Assert.Equal(DtmfKey.Digit5, (DtmfKey)events[0].Payload[0]);
    }

    // Loopback delivers inside the send call: everything sent is waiting now.
    private List<(bool Marker, byte PayloadType, ushort SequenceNumber, uint Timestamp, byte[] Payload)> ReceiveWaiting()
    {
        var packets = new List<(bool, byte, ushort, uint, byte[])>();
        var buffer = new byte[2048];
        while (_caller.Available > 0)
        {
            var length = _caller.Receive(buffer, SocketFlags.None);
            Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(buffer.AsSpan(0, length), out var packet));
            packets.Add((packet.Marker, packet.PayloadType, packet.SequenceNumber, packet.Timestamp, packet.Payload.ToArray()));
        }

        return packets;
    }
}
