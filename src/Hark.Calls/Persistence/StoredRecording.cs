namespace Hark.Calls.Persistence;

/// <summary>A finished recording: the WAV lives in the <see cref="IRecordingStore"/> under <see cref="Id"/>.</summary>
/// <param name="Id">The recording id (the last segment of its recordingLocation).</param>
/// <param name="CallId">The call it was made on.</param>
/// <param name="OperationId">The record operation that made it.</param>
/// <param name="SampleRate">The WAV's sample rate.</param>
/// <param name="DurationSamples">Samples in the WAV.</param>
/// <param name="CreatedAt">When it was completed.</param>
public sealed record StoredRecording(
    string Id, string CallId, string OperationId, int SampleRate, long DurationSamples, DateTimeOffset CreatedAt);
