namespace Hark.Graph.Contracts;

/// <summary>Body of <c>POST .../calls/{id}/redirect</c>.</summary>
public sealed record RedirectRequest
{
    public IReadOnlyList<InvitationParticipantInfo?>? Targets { get; init; }

    public int? Timeout { get; init; }

    public string? CallbackUri { get; init; }
}
