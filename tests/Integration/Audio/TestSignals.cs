namespace Hark.Integration.Audio;

/// <summary>
/// Deterministic test audio whose exact length is known, so a test computes what a recording must be
/// from the signal it made, never from Hark's output.
/// </summary>
public static class TestSignals
{
    // Formants of a mid vowel kept clear of the DTMF groups (697-941 Hz, 1209-1633 Hz), so a
    // DTMF-energy check on a recording of this voice only fires on real key presses.
    private static readonly (double Hz, double Bandwidth)[] Formants = [(500, 90), (1900, 150), (2600, 200)];

    /// <summary>
    /// A vowel-like voice: harmonics of a gliding pitch shaped by three formants, with a syllable-rate
    /// level swing (speech varies; the energy VAD looks for that), RMS at <paramref name="levelDbfs"/>,
    /// 10 ms fades. Harmonics stop at 3.4 kHz so the signal survives an 8 kHz telephone seam unchanged.
    /// </summary>
    public static short[] Voice(int sampleRate, double seconds, double pitchStartHz = 110, double pitchEndHz = 170, double levelDbfs = -20)
    {
        var count = (int)Math.Round(seconds * sampleRate);
        var buffer = new double[count];
        var phase = 0.0;
        for (var n = 0; n < count; n++)
        {
            var t = (double)n / sampleRate;
            var pitch = pitchStartHz + ((pitchEndHz - pitchStartHz) * t / seconds);
            phase += 2 * Math.PI * pitch / sampleRate;
            var sample = 0.0;
            for (var k = 1; k * pitch < 3400; k++)
            {
                sample += FormantGain(k * pitch) * Math.Sin(k * phase);
            }

            // 3.5 Hz syllable swing of about 6 dB: enough variation, never a pause the VAD would end on.
            sample *= 1 - (0.25 * (1 + Math.Sin(2 * Math.PI * 3.5 * t)));
            buffer[n] = sample;
        }

        return Finish(buffer, sampleRate, levelDbfs);
    }

    /// <summary>A linear sweep (a prompt that is easy to find again in what the caller heard).</summary>
    public static short[] Chirp(int sampleRate, double seconds, double startHz, double endHz, double levelDbfs = -18)
    {
        var count = (int)Math.Round(seconds * sampleRate);
        var buffer = new double[count];
        for (var n = 0; n < count; n++)
        {
            var t = (double)n / sampleRate;
            buffer[n] = Math.Sin(2 * Math.PI * ((startHz * t) + ((endHz - startHz) * t * t / (2 * seconds))));
        }

        return Finish(buffer, sampleRate, levelDbfs);
    }

    /// <summary>A steady sine.</summary>
    public static short[] Tone(int sampleRate, double seconds, double frequencyHz, double levelDbfs = -12)
    {
        var count = (int)Math.Round(seconds * sampleRate);
        var buffer = new double[count];
        for (var n = 0; n < count; n++)
        {
            buffer[n] = Math.Sin(2 * Math.PI * frequencyHz * n / sampleRate);
        }

        return Finish(buffer, sampleRate, levelDbfs);
    }

    /// <summary>Two sines at once (a DTMF pair), each at <paramref name="levelDbfs"/>.</summary>
    public static short[] Pair(int sampleRate, double seconds, double lowHz, double highHz, double levelDbfs = -10)
    {
        var low = Tone(sampleRate, seconds, lowHz, levelDbfs);
        var high = Tone(sampleRate, seconds, highHz, levelDbfs);
        var sum = new short[low.Length];
        for (var n = 0; n < sum.Length; n++)
        {
            sum[n] = (short)Math.Clamp(low[n] + high[n], short.MinValue, short.MaxValue);
        }

        return sum;
    }

    /// <summary>
    /// Seeded white noise at an RMS of <paramref name="levelDbfs"/>: a line's background. Hark's detector
    /// learns its noise floor from the first non-silent frames, so speech must not be the first thing it hears.
    /// </summary>
    public static short[] Noise(int sampleRate, double seconds, double levelDbfs = -60, int seed = 1)
    {
        var random = new Random(seed);
        var count = (int)Math.Round(seconds * sampleRate);
        var buffer = new double[count];
        for (var n = 0; n < count; n++)
        {
            buffer[n] = random.NextDouble() - 0.5;
        }

        return Finish(buffer, sampleRate, levelDbfs);
    }

    /// <summary>Concatenates pieces.</summary>
    public static short[] Concat(params short[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Digital silence.</summary>
    public static short[] Silence(int sampleRate, double seconds) => new short[(int)Math.Round(seconds * sampleRate)];

    private static double FormantGain(double hz)
    {
        var gain = 0.0;
        foreach (var (centre, bandwidth) in Formants)
        {
            var x = (hz - centre) / bandwidth;
            gain += 1 / (1 + (x * x));
        }

        return gain;
    }

    // Scales to the RMS level, fades 10 ms at both ends (no clicks), rounds to PCM16.
    private static short[] Finish(double[] buffer, int sampleRate, double levelDbfs)
    {
        var sumSquares = 0.0;
        foreach (var v in buffer)
        {
            sumSquares += v * v;
        }

        var rms = Math.Sqrt(sumSquares / Math.Max(1, buffer.Length));
        var scale = rms == 0 ? 0 : 32767 * Math.Pow(10, levelDbfs / 20) / rms;
        var fade = Math.Min(buffer.Length / 2, sampleRate / 100);
        var result = new short[buffer.Length];
        for (var n = 0; n < buffer.Length; n++)
        {
            var edge = Math.Min(n, buffer.Length - 1 - n);
            var ramp = edge < fade ? (double)edge / fade : 1;
            result[n] = (short)Math.Clamp(Math.Round(buffer[n] * scale * ramp), short.MinValue, short.MaxValue);
        }

        return result;
    }
}
