using Hark.Media.Codecs;
using Hark.Rtp.Jitter;

namespace Hark.Rtp.Tests.Jitter;

public sealed class JitterBufferTests
{
    [Fact]
    public void Read_BeforeAnyPacket_IsEmptySilence()
    {
        var buffer = new JitterBuffer();
        var frame = Enumerable.Repeat((short)7, 160).ToArray();

        Assert.Equal(JitterFrameKind.Empty, buffer.Read(frame));
        Assert.All(frame, s => Assert.Equal(0, s));
    }

    [Fact]
    public void Read_InOrder_PlaysAfterThreeFramesOfDelay()
    {
        var script = new JitterScript(new JitterBuffer()).Steady(0, 8);

        Assert.Equal(["E", "E", "E", "0", "1", "2", "3", "4"], script.Output);
        Assert.All(script.Results, r => Assert.Equal(JitterInsertResult.Accepted, r));
    }

    [Fact]
    public void Read_ReorderedWithinDelay_ComesOutInOrder()
    {
        var script = new JitterScript(new JitterBuffer())
            .Tick(0).Tick(2).Tick(1).Tick(5, 3).Tick(4).Tick().Tick(6, 7).Tick().Tick();

        Assert.Equal(["E", "E", "E", "0", "1", "2", "3", "4", "5"], script.Output);
        Assert.Equal(0, script.Buffer.Statistics.Late);
    }

    [Fact]
    public void Read_MissingPacket_IsLostFrameInItsPlace()
    {
        var script = new JitterScript(new JitterBuffer()).Steady(0, 4).Tick().Steady(5, 9);

        Assert.Equal(["E", "E", "E", "0", "1", "2", "3", "L", "5"], script.Output);
        Assert.Equal(1, script.Buffer.Statistics.LostFrames);
    }

    [Fact]
    public void Insert_AfterItsFrameWasPlayed_IsLateAndDropped()
    {
        // Packet 1 is due at tick 4 but arrives at tick 5.
        var script = new JitterScript(new JitterBuffer()).Tick(0).Tick().Tick(2).Tick(3).Tick(4).Tick(1, 5).Tick(6).Tick(7);

        Assert.Equal(["E", "E", "E", "0", "L", "2", "3", "4"], script.Output);
        Assert.Equal(JitterInsertResult.Late, script.Results[4]);
        Assert.Equal(1, script.Buffer.Statistics.Late);
        Assert.Equal(1, script.Buffer.Statistics.LostFrames);
    }

    [Fact]
    public void Insert_Duplicate_IsDroppedAndCounted()
    {
        var script = new JitterScript(new JitterBuffer()).Tick(0).Tick(1, 1).Tick(2, 0).Steady(3, 6);

        Assert.Equal(["E", "E", "E", "0", "1", "2"], script.Output);
        Assert.Equal(
            [JitterInsertResult.Accepted, JitterInsertResult.Accepted, JitterInsertResult.Duplicate, JitterInsertResult.Accepted, JitterInsertResult.Duplicate],
            script.Results[..5]);
        Assert.Equal(2, script.Buffer.Statistics.Duplicates);
    }

    [Fact]
    public void Insert_SequenceAndTimestampWrap_PlaysThrough()
    {
        // Sequence wraps after packet 2, the timestamp after packet 3.
        var script = new JitterScript(new JitterBuffer(), firstSequence: 65533, firstTimestamp: uint.MaxValue - 639)
            .Tick(0).Tick(2).Tick(1).Tick(4, 3).Steady(5, 10);

        Assert.Equal(["E", "E", "E", "0", "1", "2", "3", "4", "5"], script.Output);
        Assert.Equal(0, script.Buffer.Statistics.Late + script.Buffer.Statistics.LostFrames);
    }

    [Fact]
    public void Insert_NewSsrc_ResetsAndResyncs()
    {
        var script = new JitterScript(new JitterBuffer()).Steady(0, 6);
        script.Ssrc = 0xB0B;
        script.FirstTimestamp = 3_000_000;
        script.FirstSequence = 7;
        script.Steady(10, 15);

        Assert.Equal(["E", "E", "E", "0", "1", "2", "E", "E", "E", "10", "11"], script.Output);
        Assert.Equal(JitterInsertResult.AcceptedNewSsrc, script.Results[6]);
        Assert.Equal(1, script.Buffer.Statistics.SsrcChanges);
        Assert.Equal(0, script.Buffer.Statistics.LostFrames);
    }

    [Fact]
    public void Insert_TimestampJumpsForward_Resyncs()
    {
        var script = new JitterScript(new JitterBuffer()).Steady(0, 6);
        script.FirstTimestamp += 80_000;
        script.Steady(6, 11);

        Assert.Equal(["E", "E", "E", "0", "1", "2", "E", "E", "E", "6", "7"], script.Output);
        Assert.Equal(JitterInsertResult.AcceptedResync, script.Results[6]);
        Assert.Equal(1, script.Buffer.Statistics.Resyncs);
    }

    [Fact]
    public void Insert_BurstBeyondMaxDepth_MovesPlayoutKeepingAudioAheadOfIt()
    {
        // 13 packets at once. Playout starts 480 units before packet 0, so packet 8 starts 1760 units (220 ms)
        // ahead of it, past the 200 ms depth: playout moves to 60 ms before packet 8, keeping packets 5-7.
        var script = new JitterScript(new JitterBuffer()).Tick(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12).Tick().Tick().Tick().Tick();

        Assert.Equal(["5", "6", "7", "8", "9"], script.Output);
        Assert.Equal(JitterInsertResult.AcceptedResync, script.Results[8]);
        Assert.Equal(1, script.Buffer.Statistics.Resyncs);
    }

    [Fact]
    public void Insert_GapWithinDepth_IsLostFramesNotResync()
    {
        // Packets 4 to 8 (100 ms) never come, as with a silence-suppressing sender.
        var script = new JitterScript(new JitterBuffer()).Steady(0, 4).Tick().Tick().Tick().Tick().Tick().Steady(9, 14);

        Assert.Equal(["E", "E", "E", "0", "1", "2", "3", "L", "L", "L", "L", "L", "9", "10"], script.Output);
        Assert.Equal(0, script.Buffer.Statistics.Resyncs);
    }

    [Fact]
    public void Insert_TimestampJumpsBack_ResyncsOnThirdLatePacket()
    {
        var script = new JitterScript(new JitterBuffer()).Steady(0, 10);
        script.FirstTimestamp -= 80_000;
        script.Steady(10, 16);

        Assert.Equal(["E", "E", "E", "0", "1", "2", "3", "4", "5", "6", "7", "8", "E", "E", "E", "12"], script.Output);
        Assert.Equal([JitterInsertResult.Late, JitterInsertResult.Late, JitterInsertResult.AcceptedResync], script.Results[10..13]);
        Assert.Equal(2, script.Buffer.Statistics.Late);
        Assert.Equal(1, script.Buffer.Statistics.Resyncs);
    }

    [Fact]
    public void Insert_PayloadTypeSwitchesMidStream_DecodesEachPacketWithItsLaw()
    {
        var buffer = new JitterBuffer(new JitterBufferOptions { PlayoutDelayMilliseconds = 0 });
        var payload = JitterScript.Payload(41);
        var frame = new short[160];

        buffer.Insert(1, 1, 0, G711Codec.Pcmu, payload);
        buffer.Read(frame);
        var first = frame.ToArray();
        buffer.Insert(1, 2, 160, G711Codec.Pcma, payload);
        buffer.Read(frame);

        Assert.All(first, s => Assert.Equal(MuLaw.Decode(42), s));
        Assert.All(frame, s => Assert.Equal(ALaw.Decode(42), s));
    }

    [Fact]
    public void Read_FrameHalfPcmuHalfPcma_DecodesEachSampleWithItsLaw()
    {
        var buffer = new JitterBuffer(new JitterBufferOptions { PlayoutDelayMilliseconds = 0 });
        var payload = new byte[80];
        payload.AsSpan().Fill(42);
        var frame = new short[160];

        buffer.Insert(1, 1, 0, G711Codec.Pcmu, payload);
        buffer.Insert(1, 2, 80, G711Codec.Pcma, payload);

        Assert.True(buffer.TryReadComplete(frame, out var kind));
        Assert.Equal(JitterFrameKind.Audio, kind);
        Assert.All(frame[..80], s => Assert.Equal(MuLaw.Decode(42), s));
        Assert.All(frame[80..], s => Assert.Equal(ALaw.Decode(42), s));
    }

    [Fact]
    public void Read_30MsPacketsInto20MsFrames_KeepsEverySampleInOrder()
    {
        var buffer = new JitterBuffer(new JitterBufferOptions { FrameMilliseconds = 20, PlayoutDelayMilliseconds = 40 });
        var random = new Random(7);
        var sent = new List<short>();
        var played = new List<short>();
        var frame = new short[160];
        var packet = new byte[240];
        var ticks = 0;
        for (var k = 0; k < 20; k++)
        {
            random.NextBytes(packet);
            var decoded = new short[240];
            MuLaw.Decode(packet, decoded);
            sent.AddRange(decoded);
            Assert.Equal(JitterInsertResult.Accepted, buffer.Insert(9, (ushort)k, 1000 + (uint)(240 * k), G711Codec.Pcmu, packet));

            // 30 ms of wall clock per packet: three 20 ms ticks every two packets.
            for (var due = (k + 1) * 3 / 2; ticks < due; ticks++)
            {
                var kind = buffer.Read(frame);
                if (kind != JitterFrameKind.Empty)
                {
                    Assert.Equal(JitterFrameKind.Audio, kind);
                    played.AddRange(frame);
                }
            }
        }

        Assert.Equal(sent.GetRange(0, played.Count), played);
        Assert.True(played.Count >= 160 * 25);
    }

    [Fact]
    public void Read_30MsFrames_Use240Samples()
    {
        var buffer = new JitterBuffer(new JitterBufferOptions { FrameMilliseconds = 30, PlayoutDelayMilliseconds = 60 });
        var frame = new short[240];

        buffer.Insert(1, 1, 0, G711Codec.Pcmu, JitterScript.Payload(3, 240));
        var kinds = new[] { buffer.Read(frame), buffer.Read(frame), buffer.Read(frame) };

        Assert.Equal(240, buffer.FrameSamples);
        Assert.Equal([JitterFrameKind.Empty, JitterFrameKind.Empty, JitterFrameKind.Audio], kinds);
        Assert.All(frame, s => Assert.Equal(MuLaw.Decode(4), s));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(JitterBuffer.MaxPayloadLength + 1)]
    public void Insert_EmptyOrOversizedPayload_IsRejected(int length)
    {
        var buffer = new JitterBuffer();

        Assert.Equal(JitterInsertResult.Rejected, buffer.Insert(1, 1, 0, G711Codec.Pcmu, new byte[length]));
        Assert.Equal(1, buffer.Statistics.Rejected);
    }

    [Fact]
    public void Constructor_DelayOfFiftyMs_RoundsUpToWholeFrames() =>
        Assert.Equal(480, new JitterBuffer(new JitterBufferOptions { PlayoutDelayMilliseconds = 50 }).PlayoutDelaySamples);
}
