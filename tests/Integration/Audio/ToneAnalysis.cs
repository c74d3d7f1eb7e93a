namespace Hark.Integration.Audio;

/// <summary>Finds DTMF pairs and the 1 kHz beep in decoded audio (blocks of 20 ms, Goertzel shares).</summary>
public static class ToneAnalysis
{
    private static readonly double[] LowGroup = [697, 770, 852, 941];
    private static readonly double[] HighGroup = [1209, 1336, 1477, 1633];

    // Blocks quieter than this are ignored: comfort noise and fades carry no tone worth reporting.
    private const double QuietDbfs = -50;

    /// <summary>
    /// The largest share of a block's energy held by one DTMF pair (best low + best high tone, each
    /// at least a quarter). A clean key press gives about 1; speech and silence give well under 0.5.
    /// </summary>
    public static double MaxDtmfShare(short[] samples, int sampleRate)
    {
        var block = sampleRate / 50;
        var best = 0.0;
        for (var start = 0; start + block <= samples.Length; start += block / 2)
        {
            var span = samples.AsSpan(start, block);
            if (Goertzel.LevelDbfs(span) < QuietDbfs)
            {
                continue;
            }

            double low = 0, high = 0;
            foreach (var f in LowGroup)
            {
                low = Math.Max(low, Goertzel.Share(span, f, sampleRate));
            }

            foreach (var f in HighGroup)
            {
                high = Math.Max(high, Goertzel.Share(span, f, sampleRate));
            }

            if (low >= 0.25 && high >= 0.25)
            {
                best = Math.Max(best, low + high);
            }
        }

        return best;
    }

    /// <summary>
    /// Runs of at least <paramref name="minSeconds"/> where a <paramref name="frequencyHz"/> sine holds
    /// most of each 20 ms block's energy; each as (start, end) in seconds.
    /// </summary>
    public static IReadOnlyList<(double Start, double End)> FindTone(
        short[] samples, int sampleRate, double frequencyHz = 1000, double minSeconds = 0.15)
    {
        var block = sampleRate / 50;
        var runs = new List<(double, double)>();
        var runStart = -1;
        for (var start = 0; ; start += block)
        {
            var inTone = start + block <= samples.Length
                && Goertzel.LevelDbfs(samples.AsSpan(start, block)) >= QuietDbfs
                && Goertzel.Share(samples.AsSpan(start, block), frequencyHz, sampleRate) >= 0.7;
            if (inTone && runStart < 0)
            {
                runStart = start;
            }
            else if (!inTone && runStart >= 0)
            {
                if (start - runStart >= minSeconds * sampleRate)
                {
                    runs.Add(((double)runStart / sampleRate, (double)start / sampleRate));
                }

                runStart = -1;
            }

            if (start + block > samples.Length)
            {
                return runs;
            }
        }
    }
}
