namespace Hark.Graph.Contracts;

/// <summary>Body of <c>POST .../calls/{id}/subscribeToTone</c>; an empty body is allowed.</summary>
public sealed record SubscribeToToneRequest
{
    public string? ClientContext { get; init; }
}
