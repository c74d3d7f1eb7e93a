namespace Hark.Media.Resampling;

/// <summary>Windowed-sinc low-pass design with a Kaiser window.</summary>
internal static class KaiserLowpass
{
    /// <summary>
    /// Symmetric low-pass of <paramref name="length"/> taps (odd, so the centre is a whole sample)
    /// with its -6 dB point at <paramref name="cutoff"/> cycles per sample.
    /// </summary>
    public static double[] Design(int length, double cutoff, double beta)
    {
        var h = new double[length];
        var half = (length - 1) / 2.0;
        var i0Beta = BesselI0(beta);
        for (var i = 0; i < length; i++)
        {
            var t = i - half;
            var sinc = t == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            var r = half == 0 ? 0 : t / half;
            h[i] = sinc * BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - (r * r)))) / i0Beta;
        }

        return h;
    }

    /// <summary>Kaiser's empirical beta for a stop-band attenuation in dB.</summary>
    public static double Beta(double attenuationDb) => attenuationDb switch
    {
        > 50 => 0.1102 * (attenuationDb - 8.7),
        >= 21 => (0.5842 * Math.Pow(attenuationDb - 21, 0.4)) + (0.07886 * (attenuationDb - 21)),
        _ => 0,
    };

    /// <summary>
    /// Kaiser's estimate of the taps needed for a transition width given in cycles per sample.
    /// </summary>
    public static double TapsFor(double attenuationDb, double transition) =>
        (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition);

    /// <summary>Modified Bessel function of the first kind, order zero (power series).</summary>
    public static double BesselI0(double x)
    {
        var sum = 1.0;
        var term = 1.0;
        var q = x * x / 4;
        for (var k = 1; k < 200; k++)
        {
            term *= q / ((double)k * k);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
