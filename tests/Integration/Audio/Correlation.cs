using System.Numerics;

namespace Hark.Integration.Audio;

/// <summary>Normalised cross-correlation by FFT: where a short signal sits inside a longer one, and how alike they are.</summary>
public static class Correlation
{
    /// <summary>
    /// Slides the shorter of the two over the longer one and returns the best normalised correlation
    /// (1 = identical shape at any gain) and the offset, in samples, of the shorter one's start within
    /// the longer one (see <see cref="CorrelationMatch.FirstWasShorter"/>).
    /// </summary>
    public static CorrelationMatch Find(short[] a, short[] b)
    {
        var aIsLong = a.Length >= b.Length;
        var longer = aIsLong ? a : b;
        var shorter = aIsLong ? b : a;
        if (shorter.Length == 0)
        {
            return new CorrelationMatch(0, 0, !aIsLong);
        }

        var size = (int)BitOperations.RoundUpToPowerOf2((uint)(longer.Length + shorter.Length));
        var x = new Complex[size];
        var y = new Complex[size];
        for (var i = 0; i < longer.Length; i++)
        {
            x[i] = longer[i];
        }

        for (var i = 0; i < shorter.Length; i++)
        {
            y[i] = shorter[i];
        }

        Fft.Transform(x, inverse: false);
        Fft.Transform(y, inverse: false);
        for (var i = 0; i < size; i++)
        {
            x[i] *= Complex.Conjugate(y[i]);
        }

        Fft.Transform(x, inverse: true);

        var shortEnergy = shorter.Sum(s => (double)s * s);
        var prefix = new double[longer.Length + 1];
        for (var i = 0; i < longer.Length; i++)
        {
            prefix[i + 1] = prefix[i] + ((double)longer[i] * longer[i]);
        }

        var best = 0.0;
        var bestLag = 0;
        for (var lag = 0; lag + shorter.Length <= longer.Length; lag++)
        {
            var windowEnergy = prefix[lag + shorter.Length] - prefix[lag];
            if (windowEnergy <= 0)
            {
                continue;
            }

            var score = x[lag].Real / size / Math.Sqrt(windowEnergy * shortEnergy);
            if (score > best)
            {
                best = score;
                bestLag = lag;
            }
        }

        return new CorrelationMatch(best, bestLag, !aIsLong);
    }
}
