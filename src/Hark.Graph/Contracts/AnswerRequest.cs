namespace Hark.Graph.Contracts;

/// <summary>Body of <c>POST .../calls/{id}/answer</c>.</summary>
public sealed record AnswerRequest
{
    public string? CallbackUri { get; init; }

    public MediaConfig? MediaConfig { get; init; }

    public IReadOnlyList<Modality>? AcceptedModalities { get; init; }

    public CallOptions? CallOptions { get; init; }

    public int? ParticipantCapacity { get; init; }
}
