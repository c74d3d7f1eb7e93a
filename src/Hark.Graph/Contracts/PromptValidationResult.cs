namespace Hark.Graph.Contracts;

/// <summary>Answer of <c>POST /hark/v1/prompts/validate</c>: the file's format and length, or why it cannot play.</summary>
public sealed record PromptValidationResult
{
    public string? Uri { get; init; }

    public bool Playable { get; init; }

    /// <summary>Why the prompt cannot play (fetch, address policy, size, format); null when it can.</summary>
    public string? Reason { get; init; }

    /// <summary>How the file stores its samples: pcm8, pcm16, pcm24, pcm32, float32, float64, mulaw, alaw.</summary>
    public string? Encoding { get; init; }

    public int? Channels { get; init; }

    public int? SampleRate { get; init; }

    public double? DurationSeconds { get; init; }

    /// <summary>True when the file is what Graph requires (16 kHz mono 16-bit PCM); Hark plays the others too.</summary>
    public bool? GraphFormat { get; init; }
}
