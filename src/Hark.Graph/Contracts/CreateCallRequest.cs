namespace Hark.Graph.Contracts;

/// <summary>
/// Body of <c>POST /communications/calls</c> (a <c>call</c> object). Only the fields an outgoing
/// peer-to-peer call uses are read; meeting and chat info are ignored like any unknown property.
/// </summary>
public sealed record CreateCallRequest
{
    public string? CallbackUri { get; init; }

    public IReadOnlyList<InvitationParticipantInfo?>? Targets { get; init; }

    public ParticipantInfo? Source { get; init; }

    public IReadOnlyList<Modality>? RequestedModalities { get; init; }

    public MediaConfig? MediaConfig { get; init; }

    public string? TenantId { get; init; }

    public string? Subject { get; init; }

    public CallOptions? CallOptions { get; init; }
}
