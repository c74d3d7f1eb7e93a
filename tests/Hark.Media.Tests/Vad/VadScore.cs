namespace Hark.Media.Tests.Vad;

/// <summary>Measured quality of one detector run on one condition of the evaluation set.</summary>
internal sealed record VadScore(
    int SampleRate,
    string Noise,
    double SnrDb,
    double FrameAccuracy,
    double RealTimeAccuracy,
    double MedianStartLatencyFrames,
    int Utterances,
    int MissedUtterances,
    int FalseStarts,
    double Minutes)
{
    public double FalseStartsPerMinute => FalseStarts / Minutes;
}
