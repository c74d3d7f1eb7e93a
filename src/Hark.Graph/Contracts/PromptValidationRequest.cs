namespace Hark.Graph.Contracts;

/// <summary>Body of Hark's <c>POST /hark/v1/prompts/validate</c>: the <c>mediaInfo</c> a prompt would carry.</summary>
public sealed record PromptValidationRequest
{
    public MediaInfo? MediaInfo { get; init; }
}
