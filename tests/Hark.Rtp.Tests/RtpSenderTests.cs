using Hark.Media.Codecs;
using Hark.Media.Dtmf;
using Hark.Rtp;
using Hark.Rtp.Events;

namespace Hark.Rtp.Tests;

public sealed class RtpSenderTests
{
    private const uint Ssrc = 0x11223344;

    [Fact]
    public void WriteFrame_FirstPacket_HandWrittenHeaderWithMarkerAndMuLawPayload()
    {
        var sender = NewSender(sequence: 0x0102, timestamp: 0x0A0B0C0D);
        var frame = Ramp(160);
        var buffer = new byte[sender.MaxPacketLength];

        var length = sender.WriteFrame(frame, buffer);

        var expectedPayload = new byte[160];
        MuLaw.Encode(frame, expectedPayload);
        Assert.Equal(172, length);
        Assert.Equal("80800102" + "0A0B0C0D" + "11223344", Convert.ToHexString(buffer, 0, 12));
        Assert.Equal(expectedPayload, buffer[12..172]);
    }

    [Fact]
    public void WriteFrame_Pcma30Ms_EncodesALawAndStepsTimestampBy240()
    {
        var sender = new RtpSender(G711Codec.Pcma, 8, 240, random: new QueuedRandom(Ssrc, 5, 1000));
        var frame = Ramp(240);
        var buffer = new byte[sender.MaxPacketLength];

        sender.WriteFrame(frame, buffer);
        var length = sender.WriteFrame(frame, buffer);

        var expectedPayload = new byte[240];
        ALaw.Encode(frame, expectedPayload);
        Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(buffer.AsSpan(0, length), out var packet));
        Assert.False(packet.Marker);
        Assert.Equal(8, packet.PayloadType);
        Assert.Equal(6, packet.SequenceNumber);
        Assert.Equal(1240u, packet.Timestamp);
        Assert.Equal(expectedPayload, packet.Payload.ToArray());
    }

    [Fact]
    public void WriteFrame_AcrossSequenceAndTimestampWrap_WrapsToZero()
    {
        var sender = NewSender(sequence: 65534, timestamp: uint.MaxValue - 319);

        var headers = Send(sender, 4);

        Assert.Equal(
            [(true, (ushort)65534, uint.MaxValue - 319), (false, (ushort)65535, uint.MaxValue - 159), (false, (ushort)0, 0u), (false, (ushort)1, 160u)],
            headers.ConvertAll(h => (h.Marker, h.SequenceNumber, h.Timestamp)));
    }

    [Fact]
    public void SkipFrame_Silence_AdvancesTimestampAndMarksNextPacket()
    {
        var sender = NewSender(sequence: 10, timestamp: 0);
        var first = Send(sender, 2);

        sender.SkipFrame();
        sender.SkipFrame();
        var after = Send(sender, 2);

        Assert.Equal([(true, (ushort)10, 0u), (false, (ushort)11, 160u)], first.ConvertAll(h => (h.Marker, h.SequenceNumber, h.Timestamp)));
        Assert.Equal([(true, (ushort)12, 640u), (false, (ushort)13, 800u)], after.ConvertAll(h => (h.Marker, h.SequenceNumber, h.Timestamp)));
        Assert.Equal(4u, sender.PacketCount);
        Assert.Equal(640u, sender.OctetCount);
    }

    [Fact]
    public void StartEvent_InterleavesTelephoneEventsInSameSequenceSpaceWithEventTimestamp()
    {
        var sender = NewSender(sequence: 100, timestamp: 8000);
        var buffer = new byte[sender.MaxPacketLength];
        var frame = Ramp(160);
        sender.WriteFrame(frame, buffer);

        sender.StartEvent(DtmfKey.Digit5, 320);
        var packets = new List<(bool Marker, byte PayloadType, ushort Sequence, uint Timestamp, string Payload)>();
        for (var i = 0; i < 6; i++)
        {
            var length = sender.WriteFrame(frame, buffer);
            Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(buffer.AsSpan(0, length), out var p));
            Assert.Equal(Ssrc, p.Ssrc);
            packets.Add((p.Marker, p.PayloadType, p.SequenceNumber, p.Timestamp, p.PayloadType == 101 ? Convert.ToHexStringLower(p.Payload) : $"audio{p.Payload.Length}"));
        }

        // Event 5 starts at the audio timestamp 8160: update at 160, end (E, duration 320) three times, then audio resumes at 8160 + 4 x 160.
        Assert.Equal(
            [
                (true, (byte)101, (ushort)101, 8160u, "050a00a0"),
                (false, (byte)101, (ushort)102, 8160u, "058a0140"),
                (false, (byte)101, (ushort)103, 8160u, "058a0140"),
                (false, (byte)101, (ushort)104, 8160u, "058a0140"),
                (false, (byte)0, (ushort)105, 8800u, "audio160"),
                (false, (byte)0, (ushort)106, 8960u, "audio160"),
            ],
            packets);
        Assert.False(sender.IsSendingEvent);
    }

    [Fact]
    public void StartEvent_WhileThePreviousIsSending_WaitsForItsEndPacketsThenStartsWithMarkerAtTheThenTimestamp()
    {
        var sender = NewSender(sequence: 100, timestamp: 8000);
        var buffer = new byte[sender.MaxPacketLength];
        var frame = Ramp(160);

        sender.StartEvent(DtmfKey.Digit1, 320);
        sender.WriteFrame(frame, buffer);
        sender.StartEvent(DtmfKey.Digit2, 320);
        var packets = new List<(bool Marker, uint Timestamp, string Payload)>();
        for (var i = 0; i < 8; i++)
        {
            var length = sender.WriteFrame(frame, buffer);
            Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(buffer.AsSpan(0, length), out var p));
            packets.Add((p.Marker, p.Timestamp, p.PayloadType == 101 ? Convert.ToHexStringLower(p.Payload) : $"audio{p.Payload.Length}"));
        }

        // Key 1's three end packets all go out; key 2 then starts on the next tick's timestamp, with its own marker; the first
        // audio packet after them carries the marker of a first packet (no audio was sent before).
        Assert.Equal(
            [
                (false, 8000u, "018a0140"),
                (false, 8000u, "018a0140"),
                (false, 8000u, "018a0140"),
                (true, 8640u, "020a00a0"),
                (false, 8640u, "028a0140"),
                (false, 8640u, "028a0140"),
                (false, 8640u, "028a0140"),
                (true, 9280u, "audio160"),
            ],
            packets);
    }

    [Fact]
    public void StartEvent_NoTelephoneEventNegotiated_Throws()
    {
        var sender = new RtpSender(G711Codec.Pcmu, 0, 160, telephoneEventPayloadType: null, random: new QueuedRandom(1, 2, 3));

        Assert.Throws<InvalidOperationException>(() => sender.StartEvent(DtmfKey.Digit1, 800));
    }

    [Fact]
    public void Constructor_DefaultRandom_StartsDiffer()
    {
        var starts = Enumerable.Range(0, 8).Select(_ => new RtpSender(G711Codec.Pcmu, 0, 160)).Select(s => (s.Ssrc, s.Timestamp)).ToHashSet();

        Assert.True(starts.Count > 1);
    }

    [Fact]
    public void WriteFrame_WrongFrameLength_Throws() =>
        Assert.Throws<ArgumentException>(() => NewSender(0, 0).WriteFrame(new short[100], new byte[200]));

    private static RtpSender NewSender(ushort sequence, uint timestamp) =>
        new(G711Codec.Pcmu, 0, 160, telephoneEventPayloadType: 101, random: new QueuedRandom(Ssrc, sequence, timestamp));

    private static List<RtpHeader> Send(RtpSender sender, int count)
    {
        var buffer = new byte[sender.MaxPacketLength];
        var headers = new List<RtpHeader>();
        for (var i = 0; i < count; i++)
        {
            var length = sender.WriteFrame(Ramp(160), buffer);
            Assert.Equal(RtpParseStatus.Ok, RtpPacket.TryParse(buffer.AsSpan(0, length), out var p));
            headers.Add(new RtpHeader(p.Marker, p.PayloadType, p.SequenceNumber, p.Timestamp, p.Ssrc));
        }

        return headers;
    }

    private static short[] Ramp(int length) => Enumerable.Range(0, length).Select(i => (short)((i * 397) - 30000)).ToArray();
}
