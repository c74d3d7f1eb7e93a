using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Messages;

public class SipStreamFramerTests
{
    [Fact]
    public void TryFrame_TwoMessagesBackToBack_FramesTheFirstExactly()
    {
        var one = TortureVectors.Read("esc01");
        var two = TortureVectors.Read("lwsdisp");
        var stream = new byte[] { 13, 10 }.Concat(one).Concat(two).ToArray();

        Assert.Equal(SipFrameStatus.Complete, SipStreamFramer.TryFrame(stream, out var length));
        Assert.Equal(2 + one.Length, length);
        Assert.Equal("esc01.239409asdfakjkn23onasd0-3234", SipMessage.Parse(stream.AsSpan(0, length), SipFraming.Stream).CallId);
        Assert.Equal(SipFrameStatus.Complete, SipStreamFramer.TryFrame(stream.AsSpan(length), out var second));
        Assert.Equal(two.Length, second);
    }

    [Fact]
    public void TryFrame_PartialMessage_NeedsMore()
    {
        var one = TortureVectors.Read("esc01");

        Assert.Equal(SipFrameStatus.Incomplete, SipStreamFramer.TryFrame(one.AsSpan(0, one.Length - 1), out _));
        Assert.Equal(SipFrameStatus.Incomplete, SipStreamFramer.TryFrame(one.AsSpan(0, 40), out _));
    }

    [Theory]
    [InlineData("inv2543")]
    [InlineData("ncl")]
    [InlineData("mcl01")]
    public void TryFrame_UnframeableMessage_IsInvalid(string name)
    {
        Assert.Equal(SipFrameStatus.Invalid, SipStreamFramer.TryFrame(TortureVectors.Read(name), out _));
    }

    [Fact]
    public void TryFrame_OnlyKeepAlives_AsksToDropThem()
    {
        Assert.Equal(SipFrameStatus.KeepAlive, SipStreamFramer.TryFrame("\r\n\r\n"u8, out var length));
        Assert.Equal(4, length);
        Assert.Equal(SipFrameStatus.Incomplete, SipStreamFramer.TryFrame(ReadOnlySpan<byte>.Empty, out _));
    }
}
