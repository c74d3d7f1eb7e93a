using System.Globalization;
using System.Text;
using Hark.Media.Vad;
using Xunit.Abstractions;

namespace Hark.Media.Tests.Vad;

/// <summary>
/// Scores <see cref="EnergyVoiceActivityDetector"/> with default options on the labelled set in
/// tests/data/vad (see docs/media-quality.md for how it was made and how frames are scored).
/// </summary>
public sealed class EnergyVoiceActivityDetectorEvaluationTests(ITestOutputHelper output)
{
    private static readonly double[] s_snrs = [20, 10, 5];
    private const double NoiseAloneSnrDb = 20;

    [Theory]
    [InlineData(8000, "white", 20, 0.95)]
    [InlineData(8000, "babble", 20, 0.95)]
    [InlineData(16000, "white", 20, 0.95)]
    [InlineData(16000, "babble", 20, 0.95)]
    [InlineData(8000, "white", 10, 0.90)]
    [InlineData(8000, "babble", 10, 0.90)]
    [InlineData(16000, "white", 10, 0.90)]
    [InlineData(16000, "babble", 10, 0.90)]
    public void Process_NoisySpeech_MeetsFrameAccuracyTarget(int sampleRate, string noise, double snrDb, double target)
    {
        var score = Evaluate(sampleRate, noise, snrDb);

        Assert.True(
            score.FrameAccuracy >= target,
            $"{sampleRate} Hz {noise} {snrDb} dB: frame accuracy {score.FrameAccuracy:P1} < {target:P0}");
    }

    [Theory]
    [InlineData(8000, "white")]
    [InlineData(8000, "babble")]
    [InlineData(16000, "white")]
    [InlineData(16000, "babble")]
    public void Process_NoiseAloneAt20DbSnrLevel_NeverStartsSpeech(int sampleRate, string noise)
    {
        var set = VadEvaluationSet.Get(sampleRate);
        var signal = set.NoiseAlone(noise, NoiseAloneSnrDb);
        Assert.True(signal.Length >= 30 * sampleRate, "the noise-alone run must be at least 30 s long");

        var starts = VadScorer.CountStarts(new EnergyVoiceActivityDetector(sampleRate), signal, set.FrameLength);

        Assert.Equal(0, starts);
    }

    [Fact]
    public void Process_EvaluationSet_PrintsTableAndFindsEveryUtteranceAt20Db()
    {
        var table = new StringBuilder();
        table.AppendLine("| Rate | Noise | SNR | Frame acc. | Real-time acc. | Start latency (median frames) | Missed utt. | False starts | False starts/min |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|");
        var rows = new List<VadScore>();
        foreach (var rate in new[] { 8000, 16000 })
        {
            foreach (var noise in VadEvaluationSet.NoiseTypes)
            {
                foreach (var snr in s_snrs)
                {
                    var s = Evaluate(rate, noise, snr);
                    rows.Add(s);
                    table.AppendLine(CultureInfo.InvariantCulture, $"| {rate / 1000} kHz | {noise} | {snr} dB | {s.FrameAccuracy:P1} | {s.RealTimeAccuracy:P1} | {s.MedianStartLatencyFrames} | {s.MissedUtterances}/{s.Utterances} | {s.FalseStarts} | {s.FalseStartsPerMinute:F1} |");
                }
            }
        }

        table.AppendLine();
        table.AppendLine("| Rate | Noise alone (level of the 20 dB mix) | Duration | False starts |");
        table.AppendLine("|---|---|---|---|");
        foreach (var rate in new[] { 8000, 16000 })
        {
            var set = VadEvaluationSet.Get(rate);
            foreach (var noise in VadEvaluationSet.NoiseTypes)
            {
                var signal = set.NoiseAlone(noise, NoiseAloneSnrDb);
                var starts = VadScorer.CountStarts(new EnergyVoiceActivityDetector(rate), signal, set.FrameLength);
                table.AppendLine(CultureInfo.InvariantCulture, $"| {rate / 1000} kHz | {noise} | {signal.Length / (double)rate:F1} s | {starts} |");
            }
        }

        var labels = VadEvaluationSet.Get(8000).Labels;
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"Set: {VadEvaluationSet.Get(8000).DurationSeconds:F1} s, {labels.Length} frames, {labels.Count(l => l)} labelled speech, {rows[0].Utterances} utterances (label runs).");
        output.WriteLine(table.ToString());

        Assert.Equal(12, rows.Count);
        Assert.All(rows.Where(r => r.SnrDb == 20), r => Assert.Equal(0, r.MissedUtterances));
    }

    private static VadScore Evaluate(int sampleRate, string noise, double snrDb)
    {
        var set = VadEvaluationSet.Get(sampleRate);
        var signal = set.Mix(noise, snrDb);
        return VadScorer.Score(set, new EnergyVoiceActivityDetector(sampleRate), signal, noise, snrDb);
    }
}
