namespace Hark.Media.Tests.Vad;

/// <summary>
/// The labelled evaluation set of tests/data/vad at one sample rate. The 8 kHz files are checked in;
/// the 16 kHz variant is made with sox at first use (speech and babble upsampled, white noise synthesised
/// at 16 kHz with sox's repeatable seed so it is wideband). Ground truth comes from the clean speech.
/// </summary>
internal sealed class VadEvaluationSet
{
    /// <summary>A frame is labelled speech when its clean energy is within this many dB of the loudest frame.</summary>
    public const double LabelRangeDb = 40;

    /// <summary>Pauses shorter than this many frames (200 ms) inside speech are labelled speech.</summary>
    public const int LabelBridgeFrames = 10;

    /// <summary>Frames this close to a label transition are not scored (onsets and decays are ambiguous).</summary>
    public const int ScoringToleranceFrames = 2;

    public static readonly string[] NoiseTypes = ["white", "babble"];

    private static readonly Lazy<VadEvaluationSet> s_set8k = new(() => Load8k());
    private static readonly Lazy<VadEvaluationSet> s_set16k = new(() => Load16k());

    private readonly Dictionary<string, short[]> _noise;

    private VadEvaluationSet(int sampleRate, short[] clean, Dictionary<string, short[]> noise)
    {
        SampleRate = sampleRate;
        FrameLength = sampleRate / 50;
        Clean = clean;
        _noise = noise;
        Labels = MakeLabels(clean, FrameLength);
        ActiveSpeechPower = MeanSquareOver(clean, Labels, FrameLength);
    }

    public int SampleRate { get; }

    public int FrameLength { get; }

    public short[] Clean { get; }

    /// <summary>Ground truth per 20 ms frame.</summary>
    public bool[] Labels { get; }

    /// <summary>Mean square of the clean signal over labelled speech frames (active speech level).</summary>
    public double ActiveSpeechPower { get; }

    public double DurationSeconds => (double)Clean.Length / SampleRate;

    public static VadEvaluationSet Get(int sampleRate) => sampleRate switch
    {
        8000 => s_set8k.Value,
        16000 => s_set16k.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(sampleRate)),
    };

    /// <summary>Clean speech plus the named noise scaled so active speech power / noise power = <paramref name="snrDb"/>.</summary>
    public short[] Mix(string noiseType, double snrDb)
    {
        var noise = _noise[noiseType];
        var gain = NoiseGain(noiseType, snrDb);
        var mixed = new double[Clean.Length];
        for (var i = 0; i < mixed.Length; i++)
        {
            mixed[i] = Clean[i] + (gain * noise[i % noise.Length]);
        }

        return VadTestAudio.ToPcm16(mixed);
    }

    /// <summary>The whole noise file alone, at the level it has in the mix of <paramref name="snrDb"/>.</summary>
    public short[] NoiseAlone(string noiseType, double snrDb)
    {
        var noise = _noise[noiseType];
        var gain = NoiseGain(noiseType, snrDb);
        var scaled = new double[noise.Length];
        for (var i = 0; i < noise.Length; i++)
        {
            scaled[i] = gain * noise[i];
        }

        return VadTestAudio.ToPcm16(scaled);
    }

    private double NoiseGain(string noiseType, double snrDb)
    {
        var noise = _noise[noiseType];
        double power = 0;
        foreach (var s in noise)
        {
            power += (double)s * s;
        }

        power /= noise.Length;
        return Math.Sqrt(ActiveSpeechPower / (power * Math.Pow(10, snrDb / 10)));
    }

    private static bool[] MakeLabels(short[] clean, int frameLength)
    {
        var frames = clean.Length / frameLength;
        var energy = new double[frames];
        var peak = 0.0;
        for (var f = 0; f < frames; f++)
        {
            double sum = 0;
            for (var i = 0; i < frameLength; i++)
            {
                double s = clean[(f * frameLength) + i];
                sum += s * s;
            }

            energy[f] = sum / frameLength;
            peak = Math.Max(peak, energy[f]);
        }

        var threshold = peak * Math.Pow(10, -LabelRangeDb / 10);
        var labels = new bool[frames];
        var lastSpeech = -1;
        for (var f = 0; f < frames; f++)
        {
            if (energy[f] <= threshold)
            {
                continue;
            }

            labels[f] = true;
            if (lastSpeech >= 0 && f - lastSpeech - 1 < LabelBridgeFrames)
            {
                for (var g = lastSpeech + 1; g < f; g++)
                {
                    labels[g] = true;
                }
            }

            lastSpeech = f;
        }

        return labels;
    }

    private static double MeanSquareOver(short[] clean, bool[] labels, int frameLength)
    {
        double sum = 0;
        long count = 0;
        for (var f = 0; f < labels.Length; f++)
        {
            if (!labels[f])
            {
                continue;
            }

            for (var i = 0; i < frameLength; i++)
            {
                double s = clean[(f * frameLength) + i];
                sum += s * s;
            }

            count += frameLength;
        }

        return sum / count;
    }

    private static VadEvaluationSet Load8k()
    {
        var dir = VadTestAudio.DataDirectory;
        var clean = VadTestAudio.ReadWav(Path.Combine(dir, "speech-8k.wav"), out var rate);
        var noise = new Dictionary<string, short[]>
        {
            ["white"] = VadTestAudio.ReadWav(Path.Combine(dir, "noise-white-8k.wav"), out _),
            ["babble"] = VadTestAudio.ReadWav(Path.Combine(dir, "noise-babble-8k.wav"), out _),
        };
        return new VadEvaluationSet(rate, clean, noise);
    }

    private static VadEvaluationSet Load16k()
    {
        var dir = VadTestAudio.DataDirectory;
        var work = Directory.CreateTempSubdirectory("hark-vad-");
        try
        {
            var speech = Path.Combine(work.FullName, "speech-16k.wav");
            var babble = Path.Combine(work.FullName, "babble-16k.wav");
            var white = Path.Combine(work.FullName, "white-16k.wav");
            VadTestAudio.Sox(Path.Combine(dir, "speech-8k.wav"), "-r", "16000", speech);
            VadTestAudio.Sox(Path.Combine(dir, "noise-babble-8k.wav"), "-e", "signed", "-b", "16", "-r", "16000", babble);
            var clean = VadTestAudio.ReadWav(speech, out var rate);
            var seconds = (clean.Length / (double)rate).ToString(System.Globalization.CultureInfo.InvariantCulture);
            VadTestAudio.Sox("-n", "-r", "16000", "-c", "1", "-e", "signed", "-b", "16", white, "synth", seconds, "whitenoise", "gain", "-n", "-6");
            var noise = new Dictionary<string, short[]>
            {
                ["white"] = VadTestAudio.ReadWav(white, out _),
                ["babble"] = VadTestAudio.ReadWav(babble, out _),
            };
            return new VadEvaluationSet(rate, clean, noise);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
