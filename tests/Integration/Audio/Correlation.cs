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

    /// <summary>
    /// Finds each <paramref name="chunkSeconds"/> piece of <paramref name="needle"/> in
    /// <paramref name="haystack"/> on its own: (offset of the piece in the haystack, score). A steady
    /// difference between offset and piece position means the needle is there intact; a jump shows a
    /// gap or a repeat in the haystack.
    /// </summary>
    public static IReadOnlyList<(int Offset, double Score)> FindPieces(short[] haystack, short[] needle, int sampleRate, double chunkSeconds = 0.1)
    {
        var size = (int)(chunkSeconds * sampleRate);
        var pieces = new List<(int, double)>();
        for (var start = 0; start + size <= needle.Length; start += size)
        {
            var match = Find(haystack, needle[start..(start + size)]);
            pieces.Add((match.Offset - start, match.Score));
        }

        return pieces;
    }

    /// <summary>
    /// Whether <paramref name="needle"/> is in <paramref name="haystack"/> piece by piece: at least
    /// <paramref name="minShare"/> of its 0.1 s pieces found with a score of at least <paramref name="minScore"/>,
    /// in order, their placements spread over at most <paramref name="maxDriftSeconds"/>. Gaps or a damaged piece
    /// pass; other audio does not. Returns where the needle starts, in seconds (from the first good piece), or null.
    /// </summary>
    public static double? Locate(
        short[] haystack, short[] needle, int sampleRate, double minScore = 0.7, double maxDriftSeconds = 0.5, double minShare = 0.8)
    {
        var pieces = FindPieces(haystack, needle, sampleRate);
        var size = sampleRate / 10;
        var good = pieces.Select((p, i) => (p.Offset, p.Score, At: p.Offset + (i * size))).Where(p => p.Score >= minScore).ToList();
        if (pieces.Count == 0 || good.Count < minShare * pieces.Count)
        {
            return null;
        }

        // In order: each good piece sits in the haystack after the one before it (10 ms of overlap allowed). A gap
        // in the needle (its pieces found earlier than their place) passes that; shuffled audio does not.
        var ordered = good.Zip(good.Skip(1)).All(p => p.Second.At >= p.First.At - (sampleRate / 100));
        var offsets = good.Select(p => p.Offset).ToList();
        return ordered && offsets.Max() - offsets.Min() <= maxDriftSeconds * sampleRate ? (double)offsets[0] / sampleRate : null;
    }

    /// <summary>A one-line account of <see cref="FindPieces"/> for failure messages.</summary>
    public static string DescribePieces(short[] haystack, short[] needle, int sampleRate) =>
        string.Join(" ", FindPieces(haystack, needle, sampleRate).Select(p => $"{p.Offset}:{p.Score:F2}"));
}
