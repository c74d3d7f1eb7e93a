using Hark.Media.Dtmf;
using Hark.Rtp.Events;
using static Hark.Rtp.Events.TelephoneEventResultKind;

namespace Hark.Rtp.Tests.Events;

public sealed partial class TelephoneEventReceiverTests
{
    private readonly TelephoneEventReceiver _receiver = new(); // 8 kHz, 200 ms = 1600 units timeout
    private readonly List<TelephoneEventResult> _results = [];

    [Fact]
    public void Receive_NormalPress_OneKeyDownThenOneKeyUp()
    {
        Feed(1000, 10, true, DtmfKey.Digit5, 160);
        Feed(1000, 11, false, DtmfKey.Digit5, 320);
        Feed(1000, 12, false, DtmfKey.Digit5, 480);
        Feed(1000, 13, false, DtmfKey.Digit5, 640, end: true);
        Feed(1000, 14, false, DtmfKey.Digit5, 640, end: true);
        Feed(1000, 15, false, DtmfKey.Digit5, 640, end: true);

        Assert.Equal(
            [new(KeyDown, DtmfKey.Digit5, 1000, 160), new(KeyUp, DtmfKey.Digit5, 1000, 640)],
            _results);
        Assert.False(_receiver.IsKeyDown);
    }

    [Fact]
    public void Receive_KeyDownPacket_KeyStaysDownUntilEnd()
    {
        Feed(1000, 10, true, DtmfKey.A, 160);

        Assert.True(_receiver.IsKeyDown);
        Assert.Equal([new(KeyDown, DtmfKey.A, 1000, 160)], _results);
    }

    [Fact]
    public void Receive_StartPacketLost_FirstUpdateGivesKeyDown()
    {
        Feed(2000, 21, false, DtmfKey.Star, 320);
        Feed(2000, 22, false, DtmfKey.Star, 480, end: true);
        Feed(2000, 23, false, DtmfKey.Star, 480, end: true);

        Assert.Equal(
            [new(KeyDown, DtmfKey.Star, 2000, 320), new(KeyUp, DtmfKey.Star, 2000, 480)],
            _results);
    }

    [Fact]
    public void Receive_OnlyEndPacketArrives_KeyDownAndKeyUpInOneBatch()
    {
        var batch = _receiver.Receive(3000, 7, false, TelephoneEventPayloads.Of(DtmfKey.Digit0, 800, end: true));

        Assert.Equal(2, batch.Count);
        Assert.Equal(new TelephoneEventResult(KeyDown, DtmfKey.Digit0, 3000, 800), batch[0]);
        Assert.Equal(new TelephoneEventResult(KeyUp, DtmfKey.Digit0, 3000, 800), batch[1]);
    }

    [Fact]
    public void Receive_StartArrivesAfterUpdate_NoSecondKeyDown()
    {
        Feed(4000, 2, false, DtmfKey.Digit3, 320);
        Feed(4000, 1, true, DtmfKey.Digit3, 160);
        Feed(4000, 3, false, DtmfKey.Digit3, 480, end: true);

        Assert.Equal(
            [new(KeyDown, DtmfKey.Digit3, 4000, 320), new(KeyUp, DtmfKey.Digit3, 4000, 480)],
            _results);
    }

    [Fact]
    public void Receive_UpdatesReordered_DurationOnlyGrows()
    {
        Feed(4000, 1, true, DtmfKey.Digit3, 160);
        Feed(4000, 3, false, DtmfKey.Digit3, 480);
        Feed(4000, 2, false, DtmfKey.Digit3, 320);

        // Known end stays 4000 + 480: 1600 units later is not yet past the timeout, 1601 is.
        Assert.Equal(default, _receiver.Tick(4000 + 480 + 1600));
        Assert.Equal(new TelephoneEventResult(KeyUp, DtmfKey.Digit3, 4000, 480), _receiver.Tick(4000 + 480 + 1601));
    }

    [Fact]
    public void Receive_UpdatesAfterEnd_Ignored()
    {
        Feed(5000, 1, true, DtmfKey.Digit8, 160);
        Feed(5000, 3, false, DtmfKey.Digit8, 480, end: true);
        Feed(5000, 2, false, DtmfKey.Digit8, 320);
        Feed(5000, 4, false, DtmfKey.Digit8, 480, end: true);

        Assert.Equal([KeyDown, KeyUp], Kinds());
        Assert.False(_receiver.IsKeyDown);
    }

    [Fact]
    public void Receive_LongEventInSegments_OnePressWithTotalDuration()
    {
        // Segment 1: 0..0xFFFF, segment 2 starts at 0xFFFF (RFC 4733 2.5.1.3), no marker, no E until the real end.
        const uint start = 50_000;
        Feed(start, 1, true, DtmfKey.Digit9, 160);
        Feed(start, 2, false, DtmfKey.Digit9, 65_440);
        Feed(start, 3, false, DtmfKey.Digit9, 0xFFFF);
        Feed(start, 4, false, DtmfKey.Digit9, 0xFFFF);
        Feed(start, 5, false, DtmfKey.Digit9, 0xFFFF);
        Feed(start + 0xFFFF, 6, false, DtmfKey.Digit9, 160);
        Feed(start + 0xFFFF, 7, false, DtmfKey.Digit9, 1000, end: true);

        Assert.Equal(
            [new(KeyDown, DtmfKey.Digit9, start, 160), new(KeyUp, DtmfKey.Digit9, start, 0xFFFF + 1000)],
            _results);
    }

    [Fact]
    public void Receive_NextSegmentHasMarkerAndEndOfFirstSegmentLost_StillOnePress()
    {
        const uint start = 50_000;
        Feed(start, 1, true, DtmfKey.C, 160);
        Feed(start, 2, false, DtmfKey.C, 65_000);
        Feed(start + 0xFFFF, 9, true, DtmfKey.C, 320);
        Feed(start + 0xFFFF + 0xFFFF, 12, false, DtmfKey.C, 500, end: true);

        Assert.Equal(
            [new(KeyDown, DtmfKey.C, start, 160), new(KeyUp, DtmfKey.C, start, (2 * 0xFFFF) + 500)],
            _results);
    }

    [Fact]
    public void Receive_SegmentOfPreviousSegmentArrivesLate_Ignored()
    {
        const uint start = 50_000;
        Feed(start, 1, true, DtmfKey.Digit9, 0xFFFF);
        Feed(start + 0xFFFF, 5, false, DtmfKey.Digit9, 160);
        Feed(start, 4, false, DtmfKey.Digit9, 0xFFFF);
        Feed(start + 0xFFFF, 6, false, DtmfKey.Digit9, 480, end: true);

        Assert.Equal(
            [new(KeyDown, DtmfKey.Digit9, start, 0xFFFF), new(KeyUp, DtmfKey.Digit9, start, 0xFFFF + 480)],
            _results);
    }

    [Fact]
    public void Receive_SameKeyTwiceWithNewTimestamp_TwoPresses()
    {
        Press(1000, 1, DtmfKey.Digit1, 800);
        Press(3000, 10, DtmfKey.Digit1, 800);

        Assert.Equal(
            [
                new(KeyDown, DtmfKey.Digit1, 1000, 160), new(KeyUp, DtmfKey.Digit1, 1000, 800),
                new(KeyDown, DtmfKey.Digit1, 3000, 160), new(KeyUp, DtmfKey.Digit1, 3000, 800),
            ],
            _results);
    }

    [Fact]
    public void Receive_SameKeyNewTimestampWhileEndLost_ReleasesThenPressesAgain()
    {
        Feed(1000, 1, true, DtmfKey.Digit1, 640);
        var batch = _receiver.Receive(2600, 9, true, TelephoneEventPayloads.Of(DtmfKey.Digit1, 160));

        Assert.Equal(
            [new(KeyUp, DtmfKey.Digit1, 1000, 640), new(KeyDown, DtmfKey.Digit1, 2600, 160)],
            TelephoneEventPayloads.ToList(batch));
    }

    [Fact]
    public void Receive_DifferentKeyWhileDown_KeyUpThenKeyDownInOneBatch()
    {
        Feed(1000, 1, true, DtmfKey.Digit4, 320);
        var batch = _receiver.Receive(1800, 5, true, TelephoneEventPayloads.Of(DtmfKey.Digit6, 160));

        Assert.Equal(
            [new(KeyUp, DtmfKey.Digit4, 1000, 320), new(KeyDown, DtmfKey.Digit6, 1800, 160)],
            TelephoneEventPayloads.ToList(batch));
        Assert.True(_receiver.IsKeyDown);
    }

    [Fact]
    public void Receive_DifferentKeyWhileDownFirstSeenAsEnd_ThreeResultsInOrder()
    {
        Feed(1000, 1, true, DtmfKey.Digit4, 320);
        var batch = _receiver.Receive(1800, 9, false, TelephoneEventPayloads.Of(DtmfKey.Pound, 640, end: true));

        Assert.Equal(
            [
                new(KeyUp, DtmfKey.Digit4, 1000, 320),
                new(KeyDown, DtmfKey.Pound, 1800, 640),
                new(KeyUp, DtmfKey.Pound, 1800, 640),
            ],
            TelephoneEventPayloads.ToList(batch));
    }

    [Fact]
    public void Receive_OldEventEndRetransmittedAfterNewEventStarted_Ignored()
    {
        Feed(1000, 1, true, DtmfKey.Digit2, 160);
        Feed(1000, 2, false, DtmfKey.Digit2, 480, end: true);
        Feed(1800, 4, true, DtmfKey.Digit3, 160);
        Feed(1000, 3, false, DtmfKey.Digit2, 480, end: true); // reordered retransmission
        Feed(1000, 5, false, DtmfKey.Digit2, 480, end: true); // interleaved retransmission, newer sequence

        Assert.Equal([KeyDown, KeyUp, KeyDown], Kinds());
        Assert.True(_receiver.IsKeyDown);
        Assert.Equal(DtmfKey.Digit3, _results[^1].Key);
    }

    [Fact]
    public void Receive_UpdateOfPreviousEventAfterNewEvent_DoesNotReleaseNewKey()
    {
        Feed(1000, 1, true, DtmfKey.Digit2, 160);
        Feed(1800, 3, true, DtmfKey.Digit3, 160);
        Feed(1000, 2, false, DtmfKey.Digit2, 320);

        Assert.Equal([KeyDown, KeyUp, KeyDown], Kinds());
        Assert.True(_receiver.IsKeyDown);
    }

    [Fact]
    public void Receive_TimestampWrapsBetweenEvents_BothPressesAndStaleIgnored()
    {
        const uint first = 0xFFFF_FE00;
        const uint second = 0x0000_0100; // 0x300 units later, after the 32-bit wrap
        Press(first, 100, DtmfKey.Digit1, 320);
        Feed(second, 105, true, DtmfKey.Digit2, 160);
        Feed(first, 104, false, DtmfKey.Digit1, 320, end: true);
        Feed(second, 106, false, DtmfKey.Digit2, 320, end: true);

        Assert.Equal(
            [
                new(KeyDown, DtmfKey.Digit1, first, 160), new(KeyUp, DtmfKey.Digit1, first, 320),
                new(KeyDown, DtmfKey.Digit2, second, 160), new(KeyUp, DtmfKey.Digit2, second, 320),
            ],
            _results);
    }

    [Fact]
    public void Receive_LongEventSegmentAcrossTimestampWrap_OnePress()
    {
        const uint start = 0xFFFF_8000;
        Feed(start, 1, true, DtmfKey.Digit0, 0xFFFF);
        Feed(unchecked(start + 0xFFFF), 2, false, DtmfKey.Digit0, 800, end: true);

        Assert.Equal(
            [new(KeyDown, DtmfKey.Digit0, start, 0xFFFF), new(KeyUp, DtmfKey.Digit0, start, 0xFFFF + 800)],
            _results);
    }

    [Fact]
    public void Receive_SequenceNumberWraps_OnePress()
    {
        Feed(7000, 65_534, true, DtmfKey.Digit6, 160);
        Feed(7000, 65_535, false, DtmfKey.Digit6, 320);
        Feed(7000, 0, false, DtmfKey.Digit6, 480, end: true);
        Feed(7000, 1, false, DtmfKey.Digit6, 480, end: true);
        Feed(7000, 2, false, DtmfKey.Digit6, 480, end: true);

        Assert.Equal(
            [new(KeyDown, DtmfKey.Digit6, 7000, 160), new(KeyUp, DtmfKey.Digit6, 7000, 480)],
            _results);
    }

    [Fact]
    public void Receive_TimestampJumpsBackWithMarkerAndNewerSequence_NewPress()
    {
        Press(900_000, 65_530, DtmfKey.Digit1, 320);
        Feed(1000, 3, true, DtmfKey.Digit2, 160); // sequence wrapped past 65_535: still newer

        Assert.Equal([KeyDown, KeyUp, KeyDown], Kinds());
        Assert.Equal(new TelephoneEventResult(KeyDown, DtmfKey.Digit2, 1000, 160), _results[^1]);
    }

    [Fact]
    public void Receive_OlderTimestampWithMarkerButOlderSequence_Ignored()
    {
        Feed(1000, 50, true, DtmfKey.Digit1, 160);
        Feed(2000, 60, true, DtmfKey.Digit2, 160);
        Feed(1000, 49, true, DtmfKey.Digit1, 0);

        Assert.Equal([KeyDown, KeyUp, KeyDown], Kinds());
        Assert.Equal(DtmfKey.Digit2, _results[^1].Key);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(32)]
    [InlineData(70)]
    [InlineData(255)]
    public void Receive_NonDtmfEventCode_IgnoredAndKeyStateUntouched(byte code)
    {
        Feed(1000, 1, true, DtmfKey.Digit5, 160);
        var unknownStart = _receiver.Receive(2000, 2, true, TelephoneEventPayloads.Of(code, 160));
        var unknownEnd = _receiver.Receive(2000, 3, false, TelephoneEventPayloads.Of(code, 320, end: true));
        Feed(1000, 4, false, DtmfKey.Digit5, 480, end: true);

        Assert.True(unknownStart.IsEmpty);
        Assert.True(unknownEnd.IsEmpty);
        Assert.Equal(
            [new(KeyDown, DtmfKey.Digit5, 1000, 160), new(KeyUp, DtmfKey.Digit5, 1000, 480)],
            _results);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Receive_PayloadShorterThanFourBytes_Ignored(int length)
    {
        var payload = TelephoneEventPayloads.Of(DtmfKey.Digit1, 160, end: true).AsSpan(0, length);

        var batch = _receiver.Receive(1000, 1, true, payload);

        Assert.True(batch.IsEmpty);
        Assert.False(_receiver.IsKeyDown);
    }

    [Fact]
    public void Receive_FlashEvent_ReportedAsFlashKey()
    {
        Press(1000, 1, DtmfKey.Flash, 1600);

        Assert.Equal([KeyDown, KeyUp], Kinds());
        Assert.All(_results, r => Assert.Equal(DtmfKey.Flash, r.Key));
    }

    [Fact]
    public void Reset_KeyDown_ReturnsKeyUpAndForgetsTimestamps()
    {
        Feed(900_000, 1, true, DtmfKey.Digit1, 320);

        var released = _receiver.Reset();
        Feed(1000, 1, false, DtmfKey.Digit2, 160); // older timestamp, same sequence: accepted after reset

        Assert.Equal(new TelephoneEventResult(KeyUp, DtmfKey.Digit1, 900_000, 320), released);
        Assert.Equal([KeyDown, KeyDown], Kinds());
        Assert.Equal(DtmfKey.Digit2, _results[^1].Key);
        Assert.Equal(default, new TelephoneEventReceiver().Reset());
    }

    [Theory]
    [InlineData(0, 200)]
    [InlineData(8000, -1)]
    [InlineData(8000, 10_000)]
    public void Constructor_InvalidArguments_Throws(int clockRate, int timeoutMs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelephoneEventReceiver(clockRate, timeoutMs));

    [Fact]
    public void Batch_IndexPastCount_Throws()
    {
        var batch = _receiver.Receive(1000, 1, true, TelephoneEventPayloads.Of(DtmfKey.Digit1, 160));

        Assert.Equal(1, batch.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch[1]);
    }

    private void Feed(uint timestamp, ushort sequence, bool marker, DtmfKey key, ushort duration, bool end = false) =>
        _results.AddRange(TelephoneEventPayloads.ToList(
            _receiver.Receive(timestamp, sequence, marker, TelephoneEventPayloads.Of(key, duration, end))));

    // A complete press: start at 160, updates every 160, three end packets at the final duration.
    private void Press(uint timestamp, ushort firstSequence, DtmfKey key, ushort duration)
    {
        var sequence = firstSequence;
        for (ushort d = 160; d < duration; d += 160)
        {
            Feed(timestamp, sequence++, d == 160, key, d);
        }

        for (var i = 0; i < 3; i++)
        {
            Feed(timestamp, sequence++, false, key, duration, end: true);
        }
    }

    private List<TelephoneEventResultKind> Kinds() => _results.ConvertAll(r => r.Kind);
}
