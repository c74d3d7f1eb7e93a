using Hark.Media.Dtmf;
using Hark.Rtp.Events;
using Hark.Testing;
using static Hark.Rtp.Events.TelephoneEventResultKind;

namespace Hark.Rtp.Tests.Events;

public sealed class TelephoneEventSenderTests
{
    [Fact]
    public void TryNext_Key5For480UnitsEvery160_ProducesRfcBytes()
    {
        var sender = new TelephoneEventSender(packetInterval: 160, volume: 10);
        sender.Start(DtmfKey.Digit5, 480);

        var packets = Drain(sender);

        // event 5 | E R volume=10 (0x0A, 0x8A with E) | duration 160 = 0x00A0, 320 = 0x0140, 480 = 0x01E0
        Assert.Equal(
            [
                (true, 0u, "050a00a0"),
                (false, 0u, "050a0140"),
                (false, 0u, "058a01e0"),
                (false, 0u, "058a01e0"),
                (false, 0u, "058a01e0"),
            ],
            packets.ConvertAll(p => (p.Info.Marker, p.Info.TimestampOffset, Convert.ToHexStringLower(p.Payload))));
        Assert.All(packets, p => Assert.Equal(4, p.Info.Length));
    }

    [Fact]
    public void TryNext_DurationShorterThanInterval_OnlyEndPacketsFirstWithMarker()
    {
        var sender = new TelephoneEventSender(160, volume: 0, endRepeats: 2);
        sender.Start(DtmfKey.Pound, 100);

        var packets = Drain(sender);

        Assert.Equal(
            [(true, "0b800064"), (false, "0b800064")],
            packets.ConvertAll(p => (p.Info.Marker, Convert.ToHexStringLower(p.Payload))));
    }

    [Fact]
    public void TryNext_AfterLastPacket_ReturnsFalseAndWritesNothing()
    {
        var sender = new TelephoneEventSender(160);
        sender.Start(DtmfKey.Digit1, 160);
        _ = Drain(sender);
        var buffer = new byte[] { 0xAA, 0xAA, 0xAA, 0xAA };

        Assert.False(sender.TryNext(buffer, out var packet));
        Assert.Equal(default, packet);
        Assert.All(buffer, b => Assert.Equal(0xAA, b));
        Assert.False(sender.IsActive);
    }

    [Fact]
    public void TryNext_BeforeStart_ReturnsFalse() =>
        Assert.False(new TelephoneEventSender(160).TryNext(new byte[4], out _));

    [Fact]
    public void TryNext_PayloadTooShort_Throws()
    {
        var sender = new TelephoneEventSender(160);
        sender.Start(DtmfKey.Digit1, 800);

        Assert.Throws<ArgumentException>(() => sender.TryNext(new byte[3], out _));
    }

    [Fact]
    public void Start_WhileActive_RestartsWithNewKey()
    {
        var sender = new TelephoneEventSender(160);
        sender.Start(DtmfKey.Digit1, 800);
        Assert.True(sender.TryNext(new byte[4], out _));

        sender.Start(DtmfKey.Digit2, 320);
        var packets = Drain(sender);

        Assert.True(packets[0].Info.Marker);
        Assert.All(packets, p => Assert.Equal((byte)DtmfKey.Digit2, p.Payload[0]));
        Assert.Equal(4, packets.Count); // 160, then 320 (E) three times
    }

    [Fact]
    public void TryNext_LongEvent_SplitsIntoSegmentsOf0xFFFF()
    {
        const uint total = (2 * 0xFFFF) + 500;
        var sender = new TelephoneEventSender(160);
        sender.Start(DtmfKey.Digit8, total);

        var packets = Drain(sender);

        Assert.Equal(1, packets.Count(p => p.Info.Marker));
        Assert.True(packets[0].Info.Marker);
        Assert.Equal([0u, 0xFFFFu, 2 * 0xFFFFu], packets.Select(p => p.Info.TimestampOffset).Distinct());
        var segmentEnds = packets.Where(p => p.Payload[2] == 0xFF && p.Payload[3] == 0xFF).ToList();
        Assert.Equal(6, segmentEnds.Count); // each of the two full segments ends three times
        Assert.All(segmentEnds, p => Assert.Equal(0, p.Payload[1] & 0x80));
        var ends = packets.Where(p => (p.Payload[1] & 0x80) != 0).ToList();
        Assert.Equal(3, ends.Count);
        Assert.All(ends, p => Assert.Equal(2 * 0xFFFFu, p.Info.TimestampOffset));
        Assert.All(ends, p => Assert.Equal(500, (p.Payload[2] << 8) | p.Payload[3]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65_536)]
    public void Constructor_InvalidInterval_Throws(int interval) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelephoneEventSender(interval));

    [Fact]
    public void Constructor_VolumeAbove63_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelephoneEventSender(160, volume: 64));

    [Fact]
    public void Start_ZeroDurationOrNonDtmfKey_Throws()
    {
        var sender = new TelephoneEventSender(160);

        Assert.Throws<ArgumentOutOfRangeException>(() => sender.Start(DtmfKey.Digit1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sender.Start((DtmfKey)17, 800));
    }

    [Theory]
    [InlineData(160u, 800u)]
    [InlineData(400u, 1000u)]
    [InlineData(160u, 100u)]
    [InlineData(160u, 0xFFFFu)]
    [InlineData(160u, (3 * 0xFFFFu) + 1)]
    [InlineData(1000u, 200_000u)]
    public void RoundTrip_EveryKeyThroughReceiver_OnePressWithExactDuration(uint interval, uint duration)
    {
        var sender = new TelephoneEventSender((int)interval);
        var receiver = new TelephoneEventReceiver();
        var results = new List<TelephoneEventResult>();
        var payload = new byte[4];
        uint eventStart = 0xFFF0_0000; // lets long events cross the 32-bit timestamp wrap
        ushort sequence = 65_000;

        for (var code = 0; code <= (int)DtmfKey.Flash; code++)
        {
            sender.Start((DtmfKey)code, duration);
            while (sender.TryNext(payload, out var packet))
            {
                results.AddRange(TelephoneEventPayloads.ToList(
                    receiver.Receive(unchecked(eventStart + packet.TimestampOffset), sequence++, packet.Marker, payload)));
            }

            eventStart = unchecked(eventStart + duration + 800);
        }

        Assert.Equal(34, results.Count);
        for (var code = 0; code <= (int)DtmfKey.Flash; code++)
        {
            Assert.Equal(KeyDown, results[2 * code].Kind);
            Assert.Equal(new TelephoneEventResult(KeyUp, (DtmfKey)code, results[2 * code].StartTimestamp, duration), results[(2 * code) + 1]);
        }
    }

    [Fact]
    public void RoundTrip_FirstAndAllEndPacketsLost_ReceiverStillReportsOnePress()
    {
        var sender = new TelephoneEventSender(160);
        var receiver = new TelephoneEventReceiver();
        var results = new List<TelephoneEventResult>();
        var payload = new byte[4];
        sender.Start(DtmfKey.Digit4, 1600);
        ushort sequence = 0;

        while (sender.TryNext(payload, out var packet))
        {
            var lost = packet.Marker || (payload[1] & 0x80) != 0;
            if (!lost)
            {
                results.AddRange(TelephoneEventPayloads.ToList(receiver.Receive(8000, sequence, packet.Marker, payload)));
            }

            sequence++;
        }

        results.Add(receiver.Tick(8000 + 1440 + 1601));

        Assert.Equal(
            [new(KeyDown, DtmfKey.Digit4, 8000, 320), new(KeyUp, DtmfKey.Digit4, 8000, 1440)],
            results);
    }

    [Fact]
    public void SenderAndReceiver_SteadyState_AllocateNothing()
    {
        var sender = new TelephoneEventSender(160);
        var receiver = new TelephoneEventReceiver();
        var payload = new byte[4];
        ushort sequence = 0;
        uint start = 0;
        var keyUps = 0;

        void PressAll(int presses)
        {
            for (var i = 0; i < presses; i++)
            {
                sender.Start((DtmfKey)(i % 17), 800);
                while (sender.TryNext(payload, out var packet))
                {
                    foreach (var result in receiver.Receive(start + packet.TimestampOffset, sequence++, packet.Marker, payload))
                    {
                        keyUps += result.Kind == KeyUp ? 1 : 0;
                    }
                }

                start += 1600;
                _ = receiver.Tick(start);
            }
        }

        var allocated = Allocations.Least(() => PressAll(200));

        Assert.Equal(0, allocated);
        Assert.Equal(6 * 200, keyUps);
    }

    private static List<(TelephoneEventPacket Info, byte[] Payload)> Drain(TelephoneEventSender sender)
    {
        var packets = new List<(TelephoneEventPacket, byte[])>();
        var buffer = new byte[8];
        while (sender.TryNext(buffer, out var packet))
        {
            packets.Add((packet, buffer[..packet.Length]));
            Assert.True(packets.Count < 10_000, "sender never finished");
        }

        return packets;
    }
}
