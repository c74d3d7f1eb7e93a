namespace Hark.Graph.Contracts;

/// <summary>Body of <c>POST .../calls/{id}/transfer</c>.</summary>
public sealed record TransferRequest
{
    public InvitationParticipantInfo? TransferTarget { get; init; }

    /// <summary>Graph needs it only to transfer out of a group call; a Hark call has one far end, always the transferee, so it is only checked for shape.</summary>
    public ParticipantInfo? Transferee { get; init; }

    public string? ClientContext { get; init; }
}
