namespace Hark.Graph.Contracts;

/// <summary>Body of <c>POST .../calls/{id}/mute</c> and <c>/unmute</c>; an empty body is allowed.</summary>
public sealed record MuteRequest
{
    public string? ClientContext { get; init; }
}
