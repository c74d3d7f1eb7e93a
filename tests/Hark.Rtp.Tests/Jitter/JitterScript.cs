using Hark.Media.Codecs;
using Hark.Rtp.Jitter;

namespace Hark.Rtp.Tests.Jitter;

/// <summary>
/// Drives a <see cref="JitterBuffer"/> tick by tick. Packet k carries 160 copies of mu-law code k + 1
/// (codes 1–100 decode to distinct values), so each frame read names the packet it came from:
/// "k" for audio from packet k, "L" for lost, "E" for empty.
/// </summary>
internal sealed class JitterScript
{
    private static readonly Dictionary<short, int> PacketByValue =
        Enumerable.Range(0, 100).ToDictionary(k => MuLaw.Decode((byte)(k + 1)), k => k);

    private readonly short[] _frame;

    public JitterScript(JitterBuffer buffer, uint ssrc = 0x5151, ushort firstSequence = 1000, uint firstTimestamp = 50_000)
    {
        Buffer = buffer;
        Ssrc = ssrc;
        FirstSequence = firstSequence;
        FirstTimestamp = firstTimestamp;
        _frame = new short[buffer.FrameSamples];
    }

    public JitterBuffer Buffer { get; }

    public uint Ssrc { get; set; }

    public ushort FirstSequence { get; set; }

    public uint FirstTimestamp { get; set; }

    public List<string> Output { get; } = [];

    public List<JitterInsertResult> Results { get; } = [];

    public static byte[] Payload(int k, int samples = 160) => Enumerable.Repeat((byte)((k % 100) + 1), samples).ToArray();

    /// <summary>One tick: the packets arriving in it, then one frame read.</summary>
    public JitterScript Tick(params int[] arriving)
    {
        foreach (var k in arriving)
        {
            Results.Add(Insert(k));
        }

        Read();
        return this;
    }

    /// <summary>In-order ticks: packet k arrives at tick k, for k in [from, to).</summary>
    public JitterScript Steady(int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            Tick(k);
        }

        return this;
    }

    public JitterInsertResult Insert(int k) =>
        Buffer.Insert(Ssrc, (ushort)(FirstSequence + k), FirstTimestamp + (uint)(160 * k), G711Codec.Pcmu, Payload(k));

    public void Read()
    {
        var kind = Buffer.Read(_frame);
        Output.Add(kind switch
        {
            JitterFrameKind.Audio => Label(_frame),
            JitterFrameKind.Lost => "L",
            _ => "E",
        });
    }

    private static string Label(short[] frame)
    {
        Assert.All(frame, s => Assert.Equal(frame[0], s));
        return PacketByValue[frame[0]].ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
