namespace Hark.Calls.Media;

/// <summary>A finished recording, written through <see cref="IRecordingSink"/> as PCM16 mono WAV.</summary>
/// <param name="OperationId">The record operation; also the id the sink opened the stream under.</param>
/// <param name="SampleRate">The WAV's sample rate in Hz.</param>
/// <param name="DurationSamples">Samples in the WAV (at <paramref name="SampleRate"/>); 0 for an empty recording.</param>
public sealed record RecordingInfo(string OperationId, int SampleRate, long DurationSamples)
{
    /// <summary>20 ms frames made up while recording for packets that never reached Hark (network loss).</summary>
    public long ConcealedFrames { get; init; }

    /// <summary>The recording's length as time.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(DurationSamples * TimeSpan.TicksPerSecond / SampleRate);
}
