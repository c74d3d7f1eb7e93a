namespace Hark.Graph.Contracts;

/// <summary>Graph <c>callMediaState</c>.</summary>
public sealed record CallMediaState
{
    public MediaState? Audio { get; init; }
}
