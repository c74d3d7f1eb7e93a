using Hark.Media.Dtmf;

namespace Hark.Calls.Media;

/// <summary>
/// The media part of a recordResponse request. Defaults are Graph's (5 s each, beep on, no prompt,
/// no stop tones, no barge-in). Prompt audio arrives separately through
/// <see cref="CallMediaProcessor.PromptLoaded"/>.
/// </summary>
public sealed record RecordRequest
{
    /// <summary>Prompts to play before the beep (Graph allows at most one).</summary>
    public int PromptCount { get; init; }

    /// <summary>Pre-empt running and queued operations instead of waiting behind them.</summary>
    public bool BargeInAllowed { get; init; }

    /// <summary>Seconds allowed from listen start to the start of speech; expiry fails the operation.</summary>
    public int InitialSilenceTimeoutInSeconds { get; init; } = 5;

    /// <summary>Seconds of silence after speech that end the recording.</summary>
    public int MaxSilenceTimeoutInSeconds { get; init; } = 5;

    /// <summary>Cap on the recording's length, measured from the recording's own start (the speech onset).</summary>
    public int MaxRecordDurationInSeconds { get; init; } = 5;

    /// <summary>Play the beep between the prompt and listening.</summary>
    public bool PlayBeep { get; init; } = true;

    /// <summary>Keys that end the recording.</summary>
    public IReadOnlyCollection<DtmfKey> StopTones { get; init; } = [];
}
