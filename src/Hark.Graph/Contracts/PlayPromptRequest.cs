namespace Hark.Graph.Contracts;

/// <summary>Body of <c>POST .../calls/{id}/playPrompt</c>.</summary>
public sealed record PlayPromptRequest
{
    public IReadOnlyList<MediaPrompt?>? Prompts { get; init; }

    public string? ClientContext { get; init; }
}
