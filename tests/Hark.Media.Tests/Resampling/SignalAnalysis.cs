namespace Hark.Media.Tests.Resampling;

/// <summary>Signal generation and measurement helpers shared by the resampling and tone tests.</summary>
internal static class SignalAnalysis
{
    public const double FullScale = 32767;

    public static double FromDb(double db) => Math.Pow(10, db / 20);

    public static double ToDb(double ratio) => 20 * Math.Log10(ratio);

    /// <summary>A sine of the given peak amplitude (in samples), rounded to PCM16.</summary>
    public static short[] Sine(int rate, double frequency, double amplitude, int length, double phase = 0)
    {
        var result = new short[length];
        for (var n = 0; n < length; n++)
        {
            result[n] = (short)Math.Round(amplitude * Math.Sin((2 * Math.PI * frequency * n / rate) + phase));
        }

        return result;
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        var sum = 0.0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    /// <summary>
    /// Least-squares fit of a*cos + b*sin + c at a known frequency. Returns the tone's peak amplitude and
    /// the RMS of what the fit leaves over (noise, harmonics, aliases, images).
    /// </summary>
    public static (double Amplitude, double ResidualRms) FitTone(ReadOnlySpan<short> samples, int rate, double frequency)
    {
        var w = 2 * Math.PI * frequency / rate;
        double scc = 0, sss = 0, ssc = 0, sc = 0, ss = 0, n = samples.Length;
        double ycc = 0, yss = 0, y1 = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            double c = Math.Cos(w * i), s = Math.Sin(w * i), y = samples[i];
            scc += c * c;
            sss += s * s;
            ssc += s * c;
            sc += c;
            ss += s;
            ycc += y * c;
            yss += y * s;
            y1 += y;
        }

        // Solve the 3x3 normal equations by Cramer's rule.
        double[,] m = { { scc, ssc, sc }, { ssc, sss, ss }, { sc, ss, n } };
        double[] r = { ycc, yss, y1 };
        var det = Det(m);
        var coef = new double[3];
        for (var k = 0; k < 3; k++)
        {
            var mk = (double[,])m.Clone();
            for (var row = 0; row < 3; row++)
            {
                mk[row, k] = r[row];
            }

            coef[k] = Det(mk) / det;
        }

        var residual = 0.0;
        for (var i = 0; i < samples.Length; i++)
        {
            var fit = (coef[0] * Math.Cos(w * i)) + (coef[1] * Math.Sin(w * i)) + coef[2];
            residual += (samples[i] - fit) * (samples[i] - fit);
        }

        return (Math.Sqrt((coef[0] * coef[0]) + (coef[1] * coef[1])), Math.Sqrt(residual / samples.Length));
    }

    /// <summary>Frequency from interpolated upward zero crossings.</summary>
    public static double ZeroCrossingFrequency(ReadOnlySpan<short> samples, int rate)
    {
        double first = -1, last = -1;
        var crossings = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                var t = i - 1 + ((double)-samples[i - 1] / (samples[i] - samples[i - 1]));
                if (first < 0)
                {
                    first = t;
                }

                last = t;
                crossings++;
            }
        }

        return (crossings - 1) * rate / (last - first);
    }

    /// <summary>Pushes the signal through in frames of the given sizes (cycled) and concatenates the output.</summary>
    public static short[] Stream(Hark.Media.Resampling.Resampler resampler, ReadOnlySpan<short> input, params int[] frameSizes)
    {
        var output = new short[resampler.MaxOutputLength(input.Length) + 1];
        var written = 0;
        var f = 0;
        while (!input.IsEmpty)
        {
            var n = Math.Min(frameSizes[f++ % frameSizes.Length], input.Length);
            written += resampler.Process(input[..n], output.AsSpan(written));
            input = input[n..];
        }

        return output[..written];
    }

    private static double Det(double[,] a) =>
        (a[0, 0] * ((a[1, 1] * a[2, 2]) - (a[1, 2] * a[2, 1])))
        - (a[0, 1] * ((a[1, 0] * a[2, 2]) - (a[1, 2] * a[2, 0])))
        + (a[0, 2] * ((a[1, 0] * a[2, 1]) - (a[1, 1] * a[2, 0])));
}
