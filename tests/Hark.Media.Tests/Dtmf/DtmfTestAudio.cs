using Hark.Media.Dtmf;
using Hark.Media.Resampling;
using Hark.Media.Wav;

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

    /// <summary>Reads a WAV under the repository root with the media core's reader.</summary>
    public static short[] ReadWav(string relativePath, out int sampleRate)
    {
        var audio = WavReader.Read(File.ReadAllBytes(Path.Combine(Hark.Testing.RepositoryPaths.Root, relativePath)));
        sampleRate = audio.SampleRate;
        return audio.Samples;
    }

    /// <summary>Doubles the sample rate with the media core's resampler (as a 16 kHz call would see it).</summary>
    public static short[] Upsample2(short[] pcm)
    {
        var resampler = new Resampler(8000, 16000);
        var output = new short[resampler.MaxOutputLength(pcm.Length)];
        return output[..resampler.Process(pcm, output)];
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
}
