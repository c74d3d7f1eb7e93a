namespace Hark.Integration.Audio;

/// <summary>Single-bin DFT power, normalised so a full-block sine carries its share of the block's energy.</summary>
public static class Goertzel
{
    /// <summary>
    /// Fraction of the block's energy at <paramref name="frequencyHz"/>: about 1 for a pure sine at that
    /// frequency, about 0.5 for each tone of an equal-level pair, near 0 for energy elsewhere.
    /// </summary>
    public static double Share(ReadOnlySpan<short> block, double frequencyHz, int sampleRate)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequencyHz / sampleRate);
        double s1 = 0, s2 = 0, energy = 0;
        foreach (var x in block)
        {
            var s0 = x + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
            energy += (double)x * x;
        }

        if (energy == 0)
        {
            return 0;
        }

        var power = (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
        return 2 * power / (block.Length * energy);
    }

    /// <summary>Mean square of the block in dBFS (-inf for digital silence).</summary>
    public static double LevelDbfs(ReadOnlySpan<short> block)
    {
        var energy = 0.0;
        foreach (var x in block)
        {
            energy += (double)x * x;
        }

        return 10 * Math.Log10(energy / Math.Max(1, block.Length) / (32768.0 * 32768.0));
    }
}
