namespace Hark.Graph.Contracts;

/// <summary>The body of <c>GET …/participants</c>: <c>{"value":[...]}</c>.</summary>
public sealed record ParticipantCollection
{
    public IReadOnlyList<Participant> Value { get; init; } = [];
}
