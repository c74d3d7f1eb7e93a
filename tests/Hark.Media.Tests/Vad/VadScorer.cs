using Hark.Media.Vad;

namespace Hark.Media.Tests.Vad;

/// <summary>
/// Runs a detector over a labelled signal and scores it. Detected speech is the span from each
/// SpeechStart's TransitionFrame to the matching SpeechEnd's TransitionFrame (what a recorder keeps).
/// </summary>
internal static class VadScorer
{
    public static VadScore Score(VadEvaluationSet set, IVoiceActivityDetector detector, short[] signal, string noise, double snrDb)
    {
        var labels = set.Labels;
        var (segments, realTime) = Run(detector, signal, set.FrameLength, labels.Length);

        var detected = new bool[labels.Length];
        foreach (var (start, _, end) in segments)
        {
            for (var f = start; f < end; f++)
            {
                detected[f] = true;
            }
        }

        var scored = ScoredFrames(labels);
        int total = 0, right = 0, rightRealTime = 0;
        for (var f = 0; f < labels.Length; f++)
        {
            if (!scored[f])
            {
                continue;
            }

            total++;
            right += detected[f] == labels[f] ? 1 : 0;
            rightRealTime += realTime[f] == labels[f] ? 1 : 0;
        }

        var latencies = new List<double>();
        var utterances = LabelRuns(labels);
        var missed = 0;
        foreach (var (a, b) in utterances)
        {
            var hit = segments.FirstOrDefault(s => s.Start < b && s.End > a);
            if (hit == default)
            {
                missed++;
                continue;
            }

            // Already in speech at the onset (bridged from earlier) counts as no delay.
            latencies.Add(Math.Max(0, hit.Decided - a));
        }

        var falseStarts = segments.Count(s => !Overlaps(labels, s.Start, s.End));
        latencies.Sort();
        var median = latencies.Count == 0 ? double.NaN : latencies[latencies.Count / 2];
        return new VadScore(
            set.SampleRate, noise, snrDb, (double)right / total, (double)rightRealTime / total, median,
            utterances.Count, missed, falseStarts, signal.Length / (double)set.SampleRate / 60);
    }

    /// <summary>Counts SpeechStart transitions over a whole signal (for noise-only runs).</summary>
    public static int CountStarts(IVoiceActivityDetector detector, short[] signal, int frameLength)
    {
        var starts = 0;
        for (var pos = 0; pos + frameLength <= signal.Length; pos += frameLength)
        {
            if (detector.Process(signal.AsSpan(pos, frameLength)).Transition == VadTransition.SpeechStart)
            {
                starts++;
            }
        }

        return starts;
    }

    /// <summary>Detected segments as (first speech frame, decision frame, end exclusive) and the per-frame real-time decision.</summary>
    public static (List<(int Start, int Decided, int End)> Segments, bool[] RealTime) Run(
        IVoiceActivityDetector detector, short[] signal, int frameLength, int frames)
    {
        var segments = new List<(int Start, int Decided, int End)>();
        var realTime = new bool[frames];
        int open = -1, decided = -1;
        for (var f = 0; f < frames; f++)
        {
            var r = detector.Process(signal.AsSpan(f * frameLength, frameLength));
            realTime[f] = r.IsSpeech;
            if (r.Transition == VadTransition.SpeechStart)
            {
                open = (int)r.TransitionFrame;
                decided = (int)r.FrameIndex;
            }
            else if (r.Transition == VadTransition.SpeechEnd)
            {
                segments.Add((open, decided, (int)r.TransitionFrame));
                open = -1;
            }
        }

        if (open >= 0)
        {
            segments.Add((open, decided, frames));
        }

        return (segments, realTime);
    }

    private static bool[] ScoredFrames(bool[] labels)
    {
        var scored = new bool[labels.Length];
        Array.Fill(scored, true);
        for (var f = 1; f < labels.Length; f++)
        {
            if (labels[f] == labels[f - 1])
            {
                continue;
            }

            // Transition between f-1 and f: skip the tolerance on both sides.
            var from = Math.Max(0, f - VadEvaluationSet.ScoringToleranceFrames);
            var to = Math.Min(labels.Length, f + VadEvaluationSet.ScoringToleranceFrames);
            for (var g = from; g < to; g++)
            {
                scored[g] = false;
            }
        }

        return scored;
    }

    private static List<(int Start, int End)> LabelRuns(bool[] labels)
    {
        var runs = new List<(int, int)>();
        for (var f = 0; f < labels.Length; f++)
        {
            if (labels[f] && (f == 0 || !labels[f - 1]))
            {
                var end = f;
                while (end < labels.Length && labels[end])
                {
                    end++;
                }

                runs.Add((f, end));
            }
        }

        return runs;
    }

    private static bool Overlaps(bool[] labels, int start, int end)
    {
        for (var f = Math.Max(0, start); f < Math.Min(end, labels.Length); f++)
        {
            if (labels[f])
            {
                return true;
            }
        }

        return false;
    }
}
