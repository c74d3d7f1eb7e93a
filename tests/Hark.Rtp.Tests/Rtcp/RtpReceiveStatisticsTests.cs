using Hark.Rtp.Rtcp;

namespace Hark.Rtp.Tests.Rtcp;

public sealed class RtpReceiveStatisticsTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void Receive_Probation_CountsFromSecondSequentialPacket()
    {
        var stats = new RtpReceiveStatistics(1, 500);

        Assert.False(stats.Receive(500, 0, TimeSpan.Zero));
        Assert.False(stats.IsValid);
        Assert.True(stats.Receive(501, 160, Frame));
        Assert.True(stats.IsValid);
        Assert.Equal(1, stats.Received);
        Assert.Equal(501u, stats.ExtendedHighestSequence);
    }

    [Fact]
    public void CreateReportBlock_TwoLostOfTen_FractionAndCumulative()
    {
        var stats = Trusting(100);
        foreach (var seq in new[] { 100, 101, 102, 105, 106, 107, 108, 109 })
        {
            stats.Receive((ushort)seq, (uint)(160 * seq), Frame * seq);
        }

        var first = stats.CreateReportBlock(TimeSpan.FromSeconds(3));
        for (var seq = 110; seq < 120; seq++)
        {
            stats.Receive((ushort)seq, (uint)(160 * seq), Frame * seq);
        }

        var second = stats.CreateReportBlock(TimeSpan.FromSeconds(6));

        // 10 expected, 8 received: 2/10 of 256 = 51 (truncated).
        Assert.Equal((51, 2, 109u), (first.FractionLost, first.CumulativeLost, first.ExtendedHighestSequence));
        Assert.Equal((0, 2, 119u), (second.FractionLost, second.CumulativeLost, second.ExtendedHighestSequence));
        Assert.Equal(0u, first.LastSenderReport);
        Assert.Equal(0u, first.DelaySinceLastSenderReport);
    }

    [Fact]
    public void Receive_SequenceWrap_ExtendsHighestWithCycleCount()
    {
        var stats = Trusting(65534);
        foreach (var seq in new ushort[] { 65534, 65535, 0, 65533, 1 })
        {
            stats.Receive(seq, 0, TimeSpan.Zero);
        }

        var block = stats.CreateReportBlock(TimeSpan.Zero);

        // Highest 1 after one wrap = 0x10001; expected 65534..65537 = 4; received 5 (the late 65533 too): lost -1.
        Assert.Equal(0x10001u, block.ExtendedHighestSequence);
        Assert.Equal(-1, block.CumulativeLost);
        Assert.Equal(0, block.FractionLost);
    }

    [Fact]
    public void CreateReportBlock_LossBeyond24Bits_ClampsCumulativeLost()
    {
        var stats = Trusting(0);
        ushort seq = 0;
        stats.Receive(seq, 0, TimeSpan.Zero);
        for (var i = 0; i < 3000; i++)
        {
            seq += 2999;
            stats.Receive(seq, 0, TimeSpan.Zero);
        }

        var block = stats.CreateReportBlock(TimeSpan.Zero);

        Assert.True(stats.CumulativeLost > RtcpReportBlock.MaxCumulativeLost);
        Assert.Equal(RtcpReportBlock.MaxCumulativeLost, block.CumulativeLost);
        Assert.Equal((uint)(3000 * 2999), block.ExtendedHighestSequence);
    }

    [Fact]
    public void Receive_JumpConfirmedByNextPacket_Restarts()
    {
        var stats = Trusting(10);
        stats.Receive(10, 0, TimeSpan.Zero);
        stats.Receive(11, 160, Frame);

        Assert.False(stats.Receive(40_000, 320, Frame * 2));
        Assert.True(stats.Receive(40_001, 480, Frame * 3));
        Assert.Equal(40_001u, stats.ExtendedHighestSequence);
        Assert.Equal(1, stats.Received);
    }

    [Fact]
    public void Jitter_HandWorkedExample_MatchesRfcFormula()
    {
        // Packets every 160 units arriving at 0, 20, 45 and 60 ms (= 0, 160, 360, 480 units):
        // D = 0, then 200 - 160 = 40, then 120 - 160 = -40.
        // J = 0; J = 0 + (40 - 0) / 16 = 2.5; J = 2.5 + (40 - 2.5) / 16 = 4.84375.
        var stats = Trusting(1);
        int[] arrivalsMs = [0, 20, 45, 60];
        for (var i = 0; i < arrivalsMs.Length; i++)
        {
            stats.Receive((ushort)(1 + i), 1000 + (uint)(160 * i), TimeSpan.FromMilliseconds(arrivalsMs[i]));
        }

        Assert.Equal(4.84375, stats.Jitter, 10);
        Assert.Equal(4u, stats.CreateReportBlock(TimeSpan.Zero).Jitter);
    }

    [Fact]
    public void Jitter_RandomArrivalsAcrossTimestampWrap_MatchesIndependentComputation()
    {
        var random = new Random(11);
        var stats = Trusting(65000);
        var expected = 0.0;
        long previousTransit = 0;
        var timestamp = uint.MaxValue - 4000;
        for (var i = 0; i < 200; i++)
        {
            // Arrival on whole 125 us ticks of the 8 kHz clock, so the conversion is exact.
            var arrivalUnits = (160L * i) + random.Next(0, 80);
            stats.Receive((ushort)(65000 + i), timestamp, TimeSpan.FromTicks(arrivalUnits * 1250));
            var transit = arrivalUnits - ((long)(uint.MaxValue - 4000) + (160L * i));
            if (i > 0)
            {
                expected += (Math.Abs(transit - previousTransit) - expected) / 16;
            }

            previousTransit = transit;
            timestamp += 160;
        }

        Assert.Equal(expected, stats.Jitter, 9);
    }

    [Fact]
    public void CreateReportBlock_AfterSenderReport_GivesLsrAndDlsr()
    {
        var stats = Trusting(1);
        stats.Receive(1, 0, TimeSpan.Zero);
        stats.OnSenderReport(0x0123456789ABCDEF, TimeSpan.FromSeconds(1));

        var block = stats.CreateReportBlock(TimeSpan.FromSeconds(1.5));

        Assert.Equal(0x456789ABu, block.LastSenderReport);
        Assert.Equal(32768u, block.DelaySinceLastSenderReport);
    }

    private static RtpReceiveStatistics Trusting(ushort first) => new(0xFEED, first, minSequential: 1);
}
