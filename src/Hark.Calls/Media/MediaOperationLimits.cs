namespace Hark.Calls.Media;

/// <summary>
/// Bounds on media-operation parameters. The defaults are Graph's; an operator may raise them. The engine
/// throws on a request outside them, so the API layer must validate first and answer 400.
/// </summary>
public sealed record MediaOperationLimits
{
    /// <summary>Graph's limits.</summary>
    public static MediaOperationLimits Default { get; } = new();

    /// <summary>Most prompts one playPrompt may carry (Graph: 20).</summary>
    public int MaxPlayPrompts { get; init; } = 20;

    /// <summary>Most prompts one record may carry (Graph: 1).</summary>
    public int MaxRecordPrompts { get; init; } = 1;

    /// <summary>Smallest timeout or duration in seconds (Graph: 1).</summary>
    public int MinTimeoutSeconds { get; init; } = 1;

    /// <summary>Largest timeout or duration in seconds (Graph: 120).</summary>
    public int MaxTimeoutSeconds { get; init; } = 120;
}
