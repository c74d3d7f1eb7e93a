using Hark.Media.Dtmf;
using Hark.Rtp.Events;

namespace Hark.Rtp.Tests.Events;

public sealed class TelephoneEventTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void TryRead_ShorterThanFourBytes_ReturnsFalse(int length)
    {
        Assert.False(TelephoneEvent.TryRead(new byte[length], out var ev));
        Assert.Equal(default, ev);
    }

    [Fact]
    public void TryRead_PoundEndVolume10Duration800_DecodesEachField()
    {
        // event 11 | E=1 R=0 volume=001010 | duration 0x0320 = 800
        ReadOnlySpan<byte> payload = [0x0B, 0x8A, 0x03, 0x20];

        Assert.True(TelephoneEvent.TryRead(payload, out var ev));

        Assert.Equal(11, ev.EventCode);
        Assert.True(ev.End);
        Assert.Equal(10, ev.Volume);
        Assert.Equal(800, ev.Duration);
        Assert.Equal(DtmfKey.Pound, ev.Key);
    }

    [Fact]
    public void TryRead_ReservedBitSet_IsIgnored()
    {
        // R bit (0x40) set with E clear and volume 7: receivers must ignore R.
        ReadOnlySpan<byte> payload = [0x05, 0x47, 0x00, 0xA0];

        Assert.True(TelephoneEvent.TryRead(payload, out var ev));

        Assert.Equal(new TelephoneEvent(5, false, 7, 160), ev);
    }

    [Fact]
    public void TryRead_AllBitsSet_GivesFieldMaximums()
    {
        Assert.True(TelephoneEvent.TryRead([0xFF, 0xFF, 0xFF, 0xFF], out var ev));

        Assert.Equal(new TelephoneEvent(255, true, 63, ushort.MaxValue), ev);
        Assert.Null(ev.Key);
    }

    [Fact]
    public void TryRead_TwoBlocks_DecodesFirstOnly()
    {
        ReadOnlySpan<byte> payload = [0x01, 0x0A, 0x00, 0xA0, 0x02, 0x8A, 0x01, 0x40];

        Assert.True(TelephoneEvent.TryRead(payload, out var ev));

        Assert.Equal(new TelephoneEvent(1, false, 10, 160), ev);
    }

    [Fact]
    public void Write_PoundEndVolume10Duration800_WritesRfcLayout()
    {
        Span<byte> destination = stackalloc byte[6];
        destination.Fill(0xEE);

        var written = new TelephoneEvent(11, true, 10, 800).Write(destination);

        Assert.Equal(4, written);
        Assert.Equal(new byte[] { 0x0B, 0x8A, 0x03, 0x20, 0xEE, 0xEE }, destination.ToArray());
    }

    [Fact]
    public void Write_MaximumVolumeNoEnd_LeavesReservedAndEndBitsClear()
    {
        var buffer = new byte[4];

        new TelephoneEvent(16, false, 63, 0x1234).Write(buffer);

        Assert.Equal(new byte[] { 0x10, 0x3F, 0x12, 0x34 }, buffer);
    }

    [Fact]
    public void Write_DestinationTooShort_Throws() =>
        Assert.Throws<ArgumentException>(() => new TelephoneEvent(1, false, 10, 0).Write(new byte[3]));

    [Fact]
    public void Constructor_VolumeAbove63_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelephoneEvent(1, false, 64, 0));

    [Fact]
    public void With_VolumeAbove63_Throws()
    {
        var ev = new TelephoneEvent(1, false, 10, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => ev with { Volume = 200 });
    }

    [Theory]
    [InlineData(0, false, 0, 0)]
    [InlineData(9, true, 63, 65535)]
    [InlineData(16, false, 36, 12345)]
    [InlineData(200, true, 1, 1)]
    public void WriteThenTryRead_AnyFields_RoundTrips(byte code, bool end, byte volume, ushort duration)
    {
        var original = new TelephoneEvent(code, end, volume, duration);
        var buffer = new byte[4];

        original.Write(buffer);

        Assert.True(TelephoneEvent.TryRead(buffer, out var decoded));
        Assert.Equal(original, decoded);
    }

    [Theory]
    [InlineData(0, '0')]
    [InlineData(9, '9')]
    [InlineData(10, '*')]
    [InlineData(11, '#')]
    [InlineData(12, 'A')]
    [InlineData(15, 'D')]
    [InlineData(16, '!')]
    public void Key_DtmfEventCode_MapsToKeypadKey(byte code, char expected)
    {
        var key = new TelephoneEvent(code, false, 10, 0).Key;

        Assert.NotNull(key);
        Assert.Equal(expected, key.Value.ToChar());
    }

    [Theory]
    [InlineData(17)]
    [InlineData(32)]
    [InlineData(255)]
    public void Key_NonDtmfEventCode_IsNull(byte code) => Assert.Null(new TelephoneEvent(code, false, 10, 0).Key);
}
