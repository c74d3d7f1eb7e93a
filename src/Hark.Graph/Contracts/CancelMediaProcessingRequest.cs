namespace Hark.Graph.Contracts;

/// <summary>Body of <c>POST .../calls/{id}/cancelMediaProcessing</c>; an empty body is allowed.</summary>
public sealed record CancelMediaProcessingRequest
{
    public string? ClientContext { get; init; }
}
