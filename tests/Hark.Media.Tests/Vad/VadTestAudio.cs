using Hark.Media.Wav;

namespace Hark.Media.Tests.Vad;

/// <summary>Test-side audio helpers: WAV loading, sox calls, synthetic signals.</summary>
internal static class VadTestAudio
{
    public static string DataDirectory { get; } = Hark.Testing.RepositoryPaths.TestData("vad");

    /// <summary>Reads a WAV file with the media core's reader.</summary>
    public static short[] ReadWav(string path, out int sampleRate)
    {
        var audio = WavReader.Read(File.ReadAllBytes(path));
        sampleRate = audio.SampleRate;
        return audio.Samples;
    }

    /// <summary>Runs sox in repeatable mode (fixed dither/noise seed); fails the test with sox's message on error.</summary>
    public static void Sox(params string[] args) => Tests.Sox.Run("sox", ["-R", .. args]);

    /// <summary>Gaussian white noise at the given RMS level (dBFS), from a seeded generator.</summary>
    public static double[] WhiteNoise(int count, double levelDbfs, int seed)
    {
        var rng = new Random(seed);
        var sigma = 32768 * Math.Pow(10, levelDbfs / 20);
        var result = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Box-Muller: two uniforms to one normal sample.
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            result[i] = sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return result;
    }

    /// <summary>Red-ish noise: white noise through a one-pole low-pass, renormalised to the level.</summary>
    public static double[] ColoredNoise(int count, double levelDbfs, int seed)
    {
        var white = WhiteNoise(count, 0, seed);
        double state = 0, power = 0;
        for (var i = 0; i < count; i++)
        {
            state = (0.9 * state) + white[i];
            white[i] = state;
            power += state * state;
        }

        var gain = 32768 * Math.Pow(10, levelDbfs / 20) / Math.Sqrt(power / count);
        for (var i = 0; i < count; i++)
        {
            white[i] *= gain;
        }

        return white;
    }

    /// <summary>A steady voiced-speech stand-in: harmonics of f0 up to 3.4 kHz falling 6 dB/octave, RMS at the level.</summary>
    public static double[] VoicedTone(int count, int sampleRate, double levelDbfs, double f0 = 140)
    {
        var result = new double[count];
        double power = 0;
        for (var i = 0; i < count; i++)
        {
            double v = 0;
            for (var k = 1; k * f0 < 3400; k++)
            {
                v += Math.Sin(2 * Math.PI * k * f0 * i / sampleRate) / k;
            }

            result[i] = v;
            power += v * v;
        }

        // 5 ms raised-cosine fades: an abrupt cut would click, and a click is broadband energy.
        var gain = 32768 * Math.Pow(10, levelDbfs / 20) / Math.Sqrt(power / count);
        var fade = Math.Min(sampleRate / 200, count / 2);
        for (var i = 0; i < count; i++)
        {
            var edge = Math.Min(i, count - 1 - i);
            var shape = edge < fade ? 0.5 - (0.5 * Math.Cos(Math.PI * edge / fade)) : 1.0;
            result[i] *= gain * shape;
        }

        return result;
    }

    /// <summary>The voiced tone with a syllable-rate envelope (3 Hz, 20 dB deep), closer to running speech.</summary>
    public static double[] Syllables(int count, int sampleRate, double levelDbfs)
    {
        var tone = VoicedTone(count, sampleRate, levelDbfs);
        for (var i = 0; i < count; i++)
        {
            tone[i] *= 0.1 + (0.9 * Math.Abs(Math.Sin(Math.PI * 3 * i / sampleRate)));
        }

        return tone;
    }

    /// <summary>Adds <paramref name="part"/> into <paramref name="target"/> starting at sample <paramref name="offset"/>.</summary>
    public static void AddInto(double[] target, double[] part, int offset)
    {
        for (var i = 0; i < part.Length && offset + i < target.Length; i++)
        {
            target[offset + i] += part[i];
        }
    }

    public static short[] ToPcm16(double[] signal)
    {
        var result = new short[signal.Length];
        for (var i = 0; i < signal.Length; i++)
        {
            result[i] = (short)Math.Clamp(Math.Round(signal[i]), short.MinValue, short.MaxValue);
        }

        return result;
    }
}
