using Hark.Rtp.Jitter;

namespace Hark.Rtp.Tests.Jitter;

public sealed class PacketLossConcealerTests
{
    [Fact]
    public void Process_ConsecutiveLosses_HalveEachRepeatThenSilence()
    {
        var concealer = new PacketLossConcealer(160);
        var received = Enumerable.Range(0, 160).Select(i => (short)(8000 - (i * 100))).ToArray();
        concealer.Process(JitterFrameKind.Audio, received);

        var outputs = new List<short[]>();
        for (var i = 0; i < 5; i++)
        {
            var frame = new short[160];
            concealer.Process(JitterFrameKind.Lost, frame);
            outputs.Add(frame);
        }

        for (var repeat = 1; repeat <= 3; repeat++)
        {
            var divisor = 1 << repeat;
            Assert.Equal(received.Select(s => (short)Math.Floor(s / (double)divisor)), outputs[repeat - 1]);
        }

        Assert.All(outputs[3], s => Assert.Equal(0, s));
        Assert.All(outputs[4], s => Assert.Equal(0, s));
        Assert.Equal(4, concealer.ConsecutiveLost);
    }

    [Fact]
    public void Process_AudioAfterLoss_RestartsAttenuation()
    {
        var concealer = new PacketLossConcealer(160);
        var frame = new short[160];
        concealer.Process(JitterFrameKind.Audio, Enumerable.Repeat((short)1000, 160).ToArray());
        concealer.Process(JitterFrameKind.Lost, frame);
        concealer.Process(JitterFrameKind.Lost, frame);

        concealer.Process(JitterFrameKind.Audio, Enumerable.Repeat((short)-4000, 160).ToArray());
        concealer.Process(JitterFrameKind.Lost, frame);

        Assert.All(frame, s => Assert.Equal(-2000, s));
        Assert.Equal(1, concealer.ConsecutiveLost);
    }

    [Fact]
    public void Process_LossAfterEmpty_IsSilence()
    {
        var concealer = new PacketLossConcealer(160);
        var frame = Enumerable.Repeat((short)1000, 160).ToArray();
        concealer.Process(JitterFrameKind.Audio, frame);
        concealer.Process(JitterFrameKind.Empty, frame);

        var lost = Enumerable.Repeat((short)5, 160).ToArray();
        concealer.Process(JitterFrameKind.Lost, lost);

        Assert.All(frame, s => Assert.Equal(0, s));
        Assert.All(lost, s => Assert.Equal(0, s));
    }
}
