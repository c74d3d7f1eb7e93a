namespace Hark.Media.Resampling;

/// <summary>
/// The anti-alias/anti-image filter for one rate pair: a Kaiser-windowed sinc at the common rate
/// <c>inputRate * Up</c>, split into <see cref="Up"/> phases. The pass band ends at 85 % of the lower
/// Nyquist (3400 Hz for 8 kHz) and the stop band starts at that Nyquist, so nothing folds back.
/// </summary>
internal sealed class PolyphaseDesign
{
    public const double StopbandAttenuationDb = 80;
    public const double PassbandFraction = 0.85;

    private readonly double[] _prototype;

    public PolyphaseDesign(int inputRate, int outputRate)
    {
        (Up, Down) = Reduce(inputRate, outputRate);

        // Transition and cutoff in cycles per sample of the lower rate.
        var transition = (1 - PassbandFraction) / 2;
        var cutoffLow = (1 + PassbandFraction) / 4;
        ZeroCrossings = (int)Math.Ceiling(KaiserLowpass.TapsFor(StopbandAttenuationDb, transition) / 2);

        // Half-length rounded up to a multiple of Down so the group delay is a whole output sample.
        var longest = Math.Max(Up, Down);
        HalfLength = Down * (int)Math.Ceiling((double)ZeroCrossings * longest / Down);
        DelaySamples = HalfLength / Down;
        var cutoff = cutoffLow / longest;
        _prototype = KaiserLowpass.Design((2 * HalfLength) + 1, cutoff, KaiserLowpass.Beta(StopbandAttenuationDb));
    }

    /// <summary>Interpolation factor L of the reduced fraction output/input = L/M.</summary>
    public int Up { get; }

    /// <summary>Decimation factor M of the reduced fraction output/input = L/M.</summary>
    public int Down { get; }

    /// <summary>Zeros of the sinc on each side of the centre, counted at the lower rate.</summary>
    public int ZeroCrossings { get; }

    /// <summary>Half the prototype length at the common rate; the prototype has 2H+1 taps.</summary>
    public int HalfLength { get; }

    /// <summary>Group delay in output samples (exact).</summary>
    public int DelaySamples { get; }

    /// <summary>Taps per phase needed to hold the whole prototype.</summary>
    public int TapsPerPhase => ((2 * HalfLength) + Up) / Up;

    /// <summary>
    /// Phase p, tap k at [p * taps + k] = prototype[k * Up + p], each phase scaled to a sum of exactly 1
    /// so a constant input comes out unchanged whatever phase produced the sample.
    /// </summary>
    public float[] PhaseTaps(int taps)
    {
        var result = new float[Up * taps];
        for (var p = 0; p < Up; p++)
        {
            var sum = 0.0;
            for (var k = 0; k < taps; k++)
            {
                sum += Tap((k * Up) + p);
            }

            for (var k = 0; k < taps; k++)
            {
                result[(p * taps) + k] = (float)(Tap((k * Up) + p) / sum);
            }
        }

        return result;
    }

    private double Tap(int index) => index < _prototype.Length ? _prototype[index] : 0;

    /// <summary>The ratio output/input as a reduced fraction L/M.</summary>
    public static (int Up, int Down) Reduce(int inputRate, int outputRate)
    {
        var gcd = Gcd(inputRate, outputRate);
        return (outputRate / gcd, inputRate / gcd);
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
