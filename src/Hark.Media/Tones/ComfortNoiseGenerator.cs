namespace Hark.Media.Tones;

/// <summary>
/// Low-level white noise for gaps in the outgoing stream, so the line does not sound dead.
/// Deterministic for a seed (an internal SplitMix64 generator, not <see cref="Random"/>), allocation-free.
/// </summary>
/// <remarks>
/// The level is the RMS in dBFS relative to a full-scale sine (AES17), the same reference as
/// <see cref="ToneGenerator"/>: -70 dBFS is about 7.3 LSB RMS. Each sample is the sum of four uniform
/// values, close to Gaussian with no long tails. Below about -85 dBFS rounding to 16 bits dominates.
/// </remarks>
public sealed class ComfortNoiseGenerator
{
    /// <summary>Default level: audible on a quiet line, far below speech.</summary>
    public const double DefaultLevelDbfs = -70;

    // Four uniform 16-bit values summed: variance 4 * (65536^2 - 1) / 12.
    private static readonly double SumStandardDeviation = Math.Sqrt(4 * ((65536.0 * 65536.0) - 1) / 12);

    private readonly ulong _seed;
    private readonly double _scale;
    private ulong _state;

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
        _seed = (ulong)seed;
        _state = _seed;
        var rms = short.MaxValue / Math.Sqrt(2) * Math.Pow(10, levelDbfs / 20);
        _scale = rms / SumStandardDeviation;
    }

    /// <summary>RMS level in dBFS (full-scale sine reference).</summary>
    public double LevelDbfs { get; }

    /// <summary>Writes the next noise samples over the whole destination.</summary>
    public void Fill(Span<short> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var bits = Next();
            var sum = (double)(bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48);
            var value = Math.Round((sum - (4 * 32767.5)) * _scale);
            destination[i] = (short)Math.Clamp(value, short.MinValue, short.MaxValue);
        }
    }

    /// <summary>Restarts the sequence from the seed.</summary>
    public void Reset() => _state = _seed;

    private ulong Next()
    {
        // SplitMix64 (Steele, Lea and Flood): a full-period 64-bit generator with good mixing.
        _state += 0x9E3779B97F4A7C15;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
