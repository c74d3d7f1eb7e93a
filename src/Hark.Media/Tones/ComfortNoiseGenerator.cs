using System.Collections.Concurrent;

namespace Hark.Media.Tones;

/// <summary>
/// Low-level white noise for gaps in the outgoing stream, so the line does not sound dead.
/// Deterministic for a seed (an internal SplitMix64 generator, not <see cref="Random"/>), allocation-free.
/// </summary>
/// <remarks>
/// The level is the RMS in dBFS relative to a full-scale sine (AES17), the same reference as
/// <see cref="ToneGenerator"/>: -70 dBFS is about 7.3 LSB RMS. Each sample is the sum of four uniform
/// values, close to Gaussian with no long tails. Below about -85 dBFS rounding to 16 bits dominates.
/// The sequence is computed once per level and seed into a table of <see cref="Period"/> samples that every generator
/// of that level and seed shares and plays round: a frame of noise is then a copy, not 160 draws, which matters on
/// a media thread filling the idle frames of hundreds of calls. Four seconds at 8 kHz is far too long a loop to hear.
/// </remarks>
public sealed class ComfortNoiseGenerator
{
    /// <summary>Default level: audible on a quiet line, far below speech.</summary>
    public const double DefaultLevelDbfs = -70;

    /// <summary>Samples after which the sequence repeats.</summary>
    public const int Period = 32768;

    // Four uniform 16-bit values summed: variance 4 * (65536^2 - 1) / 12.
    private static readonly double SumStandardDeviation = Math.Sqrt(4 * ((65536.0 * 65536.0) - 1) / 12);

    // Shared tables, one per level and seed (a server uses one, from Hark:Media's level; each is 64 KB).
    private static readonly ConcurrentDictionary<(double Level, long Seed), short[]> Tables = new();

    private readonly short[] _table;
    private int _position;

    /// <summary>Noise at <see cref="DefaultLevelDbfs"/> with seed 1.</summary>
    public ComfortNoiseGenerator()
        : this(DefaultLevelDbfs, 1)
    {
    }

    /// <summary>Noise at <paramref name="levelDbfs"/> (at most 0) from the given seed.</summary>
    public ComfortNoiseGenerator(double levelDbfs, long seed)
    {
        if (!(levelDbfs <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(levelDbfs), levelDbfs, "Must be 0 dBFS or lower.");
        }

        LevelDbfs = levelDbfs;
        _table = Tables.GetOrAdd((levelDbfs, seed), static key => Compute(key.Level, (ulong)key.Seed));
    }

    /// <summary>RMS level in dBFS (full-scale sine reference).</summary>
    public double LevelDbfs { get; }

    /// <summary>Writes the next noise samples over the whole destination.</summary>
    public void Fill(Span<short> destination)
    {
        while (!destination.IsEmpty)
        {
            var count = Math.Min(destination.Length, Period - _position);
            _table.AsSpan(_position, count).CopyTo(destination);
            destination = destination[count..];
            _position = (_position + count) % Period;
        }
    }

    /// <summary>Restarts the sequence from the seed.</summary>
    public void Reset() => _position = 0;

    private static short[] Compute(double levelDbfs, ulong state)
    {
        var rms = short.MaxValue / Math.Sqrt(2) * Math.Pow(10, levelDbfs / 20);
        var scale = rms / SumStandardDeviation;
        var table = new short[Period];
        for (var i = 0; i < table.Length; i++)
        {
            // SplitMix64 (Steele, Lea and Flood): a full-period 64-bit generator with good mixing.
            state += 0x9E3779B97F4A7C15;
            var bits = state;
            bits = (bits ^ (bits >> 30)) * 0xBF58476D1CE4E5B9;
            bits = (bits ^ (bits >> 27)) * 0x94D049BB133111EB;
            bits ^= bits >> 31;
            var sum = (double)(bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48);
            var value = Math.Round((sum - (4 * 32767.5)) * scale);
            table[i] = (short)Math.Clamp(value, short.MinValue, short.MaxValue);
        }

        return table;
    }
}
