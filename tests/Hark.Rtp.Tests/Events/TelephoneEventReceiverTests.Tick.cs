using Hark.Media.Dtmf;
using Hark.Rtp.Events;
using static Hark.Rtp.Events.TelephoneEventResultKind;

namespace Hark.Rtp.Tests.Events;

// Release by timeout, when every end packet of an event is lost.
public sealed partial class TelephoneEventReceiverTests
{
    [Fact]
    public void Tick_EndPacketsLost_ReleasesAfterTimeoutOnly()
    {
        Feed(10_000, 1, true, DtmfKey.Digit7, 160);
        Feed(10_000, 2, false, DtmfKey.Digit7, 320);

        Assert.Equal(default, _receiver.Tick(10_000 + 320 + 1600));
        var release = _receiver.Tick(10_000 + 320 + 1601);

        Assert.Equal(new TelephoneEventResult(KeyUp, DtmfKey.Digit7, 10_000, 320), release);
        Assert.False(_receiver.IsKeyDown);
        Assert.Equal(default, _receiver.Tick(20_000));
    }

    [Fact]
    public void Tick_EndArrivesAfterTimeoutRelease_NoSecondKeyUp()
    {
        Feed(10_000, 1, true, DtmfKey.Digit7, 160);
        _ = _receiver.Tick(15_000);
        Feed(10_000, 9, false, DtmfKey.Digit7, 800, end: true);

        Assert.Equal([KeyDown], Kinds());
    }

    [Fact]
    public void Tick_AudioClockBehindEvent_DoesNotRelease()
    {
        Feed(10_000, 1, true, DtmfKey.Digit7, 160);

        Assert.Equal(default, _receiver.Tick(9_000));
        Assert.True(_receiver.IsKeyDown);
    }

    [Fact]
    public void Tick_CustomClockRateAndTimeout_ScalesTimeout()
    {
        var receiver = new TelephoneEventReceiver(clockRate: 16_000, releaseTimeoutMilliseconds: 100);
        receiver.Receive(0, 1, true, TelephoneEventPayloads.Of(DtmfKey.B, 320));

        Assert.Equal(1600, receiver.ReleaseTimeoutTimestampUnits);
        Assert.Equal(None, receiver.Tick(320 + 1600).Kind);
        Assert.Equal(KeyUp, receiver.Tick(320 + 1601).Kind);
    }

    [Fact]
    public void Tick_AcrossTimestampWrap_ReleasesAtTimeout()
    {
        const uint start = 0xFFFF_FF00;
        Feed(start, 1, true, DtmfKey.D, 160);

        Assert.Equal(None, _receiver.Tick(unchecked(start + 160 + 1600)).Kind); // wraps to 0x0000_0640
        Assert.Equal(KeyUp, _receiver.Tick(unchecked(start + 160 + 1601)).Kind);
    }
}
