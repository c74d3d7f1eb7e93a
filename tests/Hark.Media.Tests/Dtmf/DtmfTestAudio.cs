using System.Buffers.Binary;
using System.Text;
using Hark.Media.Dtmf;

namespace Hark.Media.Tests.Dtmf;

/// <summary>Runs audio through a detector and loads the checked-in speech.</summary>
internal static class DtmfTestAudio
{
    /// <summary>Feeds <paramref name="pcm"/> in frames of <paramref name="frameSamples"/> and collects every event.</summary>
    public static List<DtmfEvent> Detect(short[] pcm, int sampleRate, int frameSamples = 0)
    {
        var detector = new DtmfDetector(sampleRate);
        return Detect(detector, pcm, frameSamples == 0 ? sampleRate / 50 : frameSamples);
    }

    public static List<DtmfEvent> Detect(DtmfDetector detector, short[] pcm, int frameSamples)
    {
        var events = new List<DtmfEvent>();
        for (var at = 0; at < pcm.Length; at += frameSamples)
        {
            var frame = pcm.AsSpan(at, Math.Min(frameSamples, pcm.Length - at));
            var e = detector.Process(frame);
            if (e.Kind != DtmfEventKind.None)
            {
                events.Add(e);
            }

            while (detector.TryRead(out e))
            {
                events.Add(e);
            }
        }

        return events;
    }

    public static List<DtmfEvent> KeyDowns(List<DtmfEvent> events) => events.FindAll(e => e.Kind == DtmfEventKind.KeyDown);

    public static string Keys(List<DtmfEvent> events) =>
        string.Concat(KeyDowns(events).Select(e => e.Key.ToChar()));

    /// <summary>Reads a mono PCM16 WAV from tests/data (plain RIFF chunks; no other formats).</summary>
    public static short[] ReadWav(string relativePath, out int sampleRate)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoRoot(), relativePath));
        if (Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
        {
            throw new InvalidDataException("not a RIFF/WAVE file");
        }

        sampleRate = 0;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var id = Encoding.ASCII.GetString(bytes, at, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            var body = bytes.AsSpan(at + 8, Math.Min(size, bytes.Length - at - 8));
            if (id == "fmt ")
            {
                var format = BinaryPrimitives.ReadInt16LittleEndian(body);
                var channels = BinaryPrimitives.ReadInt16LittleEndian(body[2..]);
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                var bits = BinaryPrimitives.ReadInt16LittleEndian(body[14..]);
                if (format != 1 || channels != 1 || bits != 16)
                {
                    throw new InvalidDataException("expected mono 16-bit PCM");
                }
            }
            else if (id == "data")
            {
                var pcm = new short[body.Length / 2];
                for (var i = 0; i < pcm.Length; i++)
                {
                    pcm[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]);
                }

                return pcm;
            }

            at += 8 + size + (size & 1);
        }

        throw new InvalidDataException("no data chunk");
    }

    /// <summary>Doubles the sample rate: zero-stuffing plus a 63-tap windowed-sinc low-pass at 3.8 kHz.</summary>
    public static short[] Upsample2(short[] pcm)
    {
        const int taps = 63;
        var h = new double[taps];
        for (var i = 0; i < taps; i++)
        {
            var t = i - (taps / 2);
            var sinc = t == 0 ? 1 : Math.Sin(Math.PI * 0.475 * t) / (Math.PI * 0.475 * t);
            var blackman = 0.42 - (0.5 * Math.Cos(2 * Math.PI * i / (taps - 1))) + (0.08 * Math.Cos(4 * Math.PI * i / (taps - 1)));
            h[i] = 0.475 * 2 * sinc * blackman;
        }

        var output = new short[pcm.Length * 2];
        for (var n = 0; n < output.Length; n++)
        {
            double acc = 0;
            for (var k = 0; k < taps; k++)
            {
                var m = n - k + (taps / 2);
                if (m >= 0 && m < output.Length && (m & 1) == 0)
                {
                    acc += h[k] * pcm[m / 2];
                }
            }

            output[n] = (short)Math.Clamp(Math.Round(acc), short.MinValue, short.MaxValue);
        }

        return output;
    }

    public static short[] Scale(short[] pcm, double gainDb)
    {
        var g = Math.Pow(10, gainDb / 20);
        var output = new short[pcm.Length];
        for (var i = 0; i < pcm.Length; i++)
        {
            output[i] = (short)Math.Clamp(Math.Round(pcm[i] * g), short.MinValue, short.MaxValue);
        }

        return output;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hark.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Hark.slnx not found above " + AppContext.BaseDirectory);
    }
}
