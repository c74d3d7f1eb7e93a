namespace Hark.Graph.Contracts;

/// <summary>
/// Body of <c>recordResponse</c> and of the legacy beta <c>record</c> action, which adds
/// <see cref="StreamWhileRecording"/> and <see cref="RecordingFormat"/>. Unset values take Graph's
/// defaults (5 s timeouts, beep on, no barge-in) where the operation is built, not here.
/// </summary>
public sealed record RecordResponseRequest
{
    public IReadOnlyList<MediaPrompt?>? Prompts { get; init; }

    public bool? BargeInAllowed { get; init; }

    public int? InitialSilenceTimeoutInSeconds { get; init; }

    public int? MaxSilenceTimeoutInSeconds { get; init; }

    public int? MaxRecordDurationInSeconds { get; init; }

    public bool? PlayBeep { get; init; }

    public IReadOnlyList<string?>? StopTones { get; init; }

    public string? ClientContext { get; init; }

    public bool? StreamWhileRecording { get; init; }

    public string? RecordingFormat { get; init; }
}
