using System.Buffers.Binary;

namespace Hark.Media.Tests.Codecs;

/// <summary>
/// Reference data for G.711 that does not come from the code under test: the sox vectors in
/// tests/data/g711, and quantisation intervals rebuilt from the segment layout of the G.711 tables.
/// </summary>
internal sealed class G711Reference
{
    // Decision value where each segment starts and its step, in the units of G.711 Tables 1/2
    // (A-law: 4096 = overload, 16-bit = x8; mu-law: 8159 = overload, 16-bit = x4).
    // The first mu-law interval is (-1, 1): mu-law has a zero output level, A-law does not.
    public static readonly G711Reference ALaw = new(
        "alaw", scale: 8, [(0, 2), (32, 2), (64, 4), (128, 8), (256, 16), (512, 32), (1024, 64), (2048, 128)]);

    public static readonly G711Reference MuLaw = new(
        "mulaw", scale: 4, [(-1, 2), (31, 4), (95, 8), (223, 16), (479, 32), (991, 64), (2015, 128), (4063, 256)]);

    private readonly int[] _lower = new int[128];
    private readonly int[] _upper = new int[128];
    private readonly int[] _level = new int[128];
    private readonly int[] _halfWidth = new int[128];

    private G711Reference(string name, int scale, (int Start, int Step)[] segments)
    {
        for (var k = 0; k < 128; k++)
        {
            var (start, step) = segments[k >> 4];
            _lower[k] = Math.Max(0, scale * (start + (step * (k & 15))));
            _upper[k] = scale * (start + (step * ((k & 15) + 1)));
            _halfWidth[k] = scale * step / 2;
            _level[k] = scale * ((2 * start) + (step * ((2 * (k & 15)) + 1))) / 2;
        }

        var dir = Path.Combine(RepoRoot(), "tests", "data", "g711");
        SoxDecode = ReadInt16(Path.Combine(dir, name + "-decode.s16"));
        SoxEncode = File.ReadAllBytes(Path.Combine(dir, name + "-encode.u8"));
    }

    /// <summary>sox's decode of code 0..255.</summary>
    public short[] SoxDecode { get; }

    /// <summary>sox's encode of int16 -32768..32767; index = sample + 32768.</summary>
    public byte[] SoxEncode { get; }

    /// <summary>Output level (magnitude) of magnitude index k = the middle of its interval.</summary>
    public int Level(int k) => _level[k];

    /// <summary>Half the width of interval k: the largest error G.711 allows inside it.</summary>
    public int HalfWidth(int k) => _halfWidth[k];

    /// <summary>Positive decision values in 16-bit units (the lower edge of intervals 1..127).</summary>
    public IEnumerable<int> DecisionValues => _lower.Skip(1);

    /// <summary>
    /// The G.711 interval that holds |x|: Index is its magnitude index; OnDecision is true when |x| is exactly a
    /// decision value (x sits between two intervals, Index then being the upper one).
    /// </summary>
    public (int Index, bool OnDecision) Quantize(int x)
    {
        var v = Math.Abs(x);
        if (v >= _upper[127])
        {
            return (127, false);
        }

        var k = 0;
        while (v >= _upper[k])
        {
            k++;
        }

        return (k, k > 0 && v == _lower[k]);
    }

    /// <summary>Expected decoded value for x (sign included), when x is not on a decision value.</summary>
    public int ExpectedLevel(int x)
    {
        var level = Level(Quantize(x).Index);
        return x < 0 ? -level : level;
    }

    private static short[] ReadInt16(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(2 * i));
        }

        return samples;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hark.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Hark.slnx not found above " + AppContext.BaseDirectory);
    }
}
