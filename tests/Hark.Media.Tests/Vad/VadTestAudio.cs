using System.Buffers.Binary;
using System.Diagnostics;

namespace Hark.Media.Tests.Vad;

/// <summary>Test-side audio helpers: WAV loading, sox calls, synthetic signals.</summary>
internal static class VadTestAudio
{
    public static string DataDirectory { get; } = Path.Combine(FindRepoRoot(), "tests", "data", "vad");

    /// <summary>Reads a mono RIFF/WAV file with PCM16 or G.711 mu-law samples.</summary>
    public static short[] ReadWav(string path, out int sampleRate)
    {
        var bytes = File.ReadAllBytes(path);
        var span = bytes.AsSpan();
        if (!span[..4].SequenceEqual("RIFF"u8) || !span.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException($"{path} is not a WAV file.");
        }

        int format = 0, channels = 0, bits = 0;
        sampleRate = 0;
        var pos = 12;
        while (pos + 8 <= span.Length)
        {
            var id = span.Slice(pos, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(pos + 4, 4));
            var body = span.Slice(pos + 8, Math.Min(size, span.Length - pos - 8));
            if (id.SequenceEqual("fmt "u8))
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                if (format == 0xFFFE)
                {
                    format = BinaryPrimitives.ReadUInt16LittleEndian(body[24..]);
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (channels != 1)
                {
                    throw new InvalidDataException($"{path}: expected mono.");
                }

                return (format, bits) switch
                {
                    (1, 16) => DecodePcm16(body),
                    (7, 8) => DecodeMuLaw(body),
                    _ => throw new InvalidDataException($"{path}: unsupported format {format}/{bits}."),
                };
            }

            pos += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path}: no data chunk.");
    }

    /// <summary>Runs sox in repeatable mode (fixed dither/noise seed); fails the test with sox's message on error.</summary>
    public static void Sox(params string[] args)
    {
        var start = new ProcessStartInfo("sox") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-R");
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("sox did not start.");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"sox {string.Join(' ', args)} failed: {error}");
        }
    }

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

    private static short[] DecodePcm16(ReadOnlySpan<byte> body)
    {
        var result = new short[body.Length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]);
        }

        return result;
    }

    private static short[] DecodeMuLaw(ReadOnlySpan<byte> body)
    {
        var result = new short[body.Length];
        for (var i = 0; i < result.Length; i++)
        {
            // G.711 mu-law expansion: complement, then sign / 3-bit exponent / 4-bit mantissa with bias 0x84.
            var u = ~body[i] & 0xFF;
            var magnitude = (((u & 0x0F) << 3) + 0x84) << ((u >> 4) & 0x07);
            result[i] = (short)((u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84);
        }

        return result;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hark.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Hark.slnx not found above the test binaries.");
    }
}
