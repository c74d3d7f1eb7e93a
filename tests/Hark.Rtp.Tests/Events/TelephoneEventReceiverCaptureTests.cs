using Hark.Media.Dtmf;
using Hark.Rtp.Events;
using static Hark.Rtp.Events.TelephoneEventResultKind;

namespace Hark.Rtp.Tests.Events;

/// <summary>The receiver against real packets from SIPp's RFC 2833 sample captures (Debian sip-tester).</summary>
public sealed class TelephoneEventReceiverCaptureTests
{
    private static readonly IReadOnlyList<Rfc4733Capture> Captures = Rfc4733Capture.LoadSippCaptures();

    public static TheoryData<string> CaptureNames()
    {
        var names = new TheoryData<string>();
        foreach (var capture in Captures)
        {
            names.Add(capture.Name);
        }

        return names;
    }

    [Fact]
    public void LoadSippCaptures_AllTwelveKeys_Present() =>
        Assert.Equal("0123456789*#", string.Concat(Captures.Select(c => c.ExpectedKeys)));

    [Theory]
    [MemberData(nameof(CaptureNames))]
    public void Receive_SippCapture_OnePressOfTheCapturedKey(string name)
    {
        var capture = Captures.Single(c => c.Name == name);
        Assert.True(DtmfKeyExtensions.TryParse(capture.ExpectedKeys[0], out var expected));
        var receiver = new TelephoneEventReceiver();
        var results = new List<TelephoneEventResult>();

        foreach (var p in capture.Packets)
        {
            results.AddRange(TelephoneEventPayloads.ToList(receiver.Receive(p.Timestamp, p.SequenceNumber, p.Marker, p.Payload)));
        }

        // Each capture: start at duration 0, updates every 320 units, end at 0x08C0 = 2240 sent three times.
        var start = capture.Packets[0].Timestamp;
        Assert.Equal([new(KeyDown, expected, start, 0), new(KeyUp, expected, start, 2240)], results);
    }

    [Fact]
    public void Receive_AllCapturesBackToBack_ReportsDialledDigitsInOrder()
    {
        // Replays the twelve single-key captures as one stream, each shifted 500 ms (4000 units)
        // and 20 sequence numbers after the previous one, as a caller dialling 0..9 * # would send.
        var receiver = new TelephoneEventReceiver();
        var dialled = new List<char>();
        var keyUps = 0;
        for (var i = 0; i < Captures.Count; i++)
        {
            var capture = Captures[i];
            var timestampShift = unchecked((uint)(i * 4000) - capture.Packets[0].Timestamp);
            var sequenceShift = (ushort)((i * 20) - capture.Packets[0].SequenceNumber);
            foreach (var p in capture.Packets)
            {
                var batch = receiver.Receive(
                    unchecked(p.Timestamp + timestampShift), (ushort)(p.SequenceNumber + sequenceShift), p.Marker, p.Payload);
                foreach (var result in batch)
                {
                    if (result.Kind == KeyDown)
                    {
                        dialled.Add(result.Key.ToChar());
                    }
                    else
                    {
                        keyUps++;
                    }
                }
            }
        }

        Assert.Equal("0123456789*#", new string([.. dialled]));
        Assert.Equal(12, keyUps);
    }

    [Fact]
    public void Receive_SippCaptureWithoutEndPackets_TimeoutReleasesKey()
    {
        var capture = Captures.Single(c => c.ExpectedKeys == "#");
        var receiver = new TelephoneEventReceiver();
        var results = new List<TelephoneEventResult>();

        foreach (var p in capture.Packets.Where(p => (p.Payload[1] & 0x80) == 0))
        {
            results.AddRange(TelephoneEventPayloads.ToList(receiver.Receive(p.Timestamp, p.SequenceNumber, p.Marker, p.Payload)));
        }

        var start = capture.Packets[0].Timestamp;
        results.Add(receiver.Tick(start + 1920 + 1601)); // last update reports 1920 (0x0780)

        Assert.Equal([new(KeyDown, DtmfKey.Pound, start, 0), new(KeyUp, DtmfKey.Pound, start, 1920)], results);
    }
}
