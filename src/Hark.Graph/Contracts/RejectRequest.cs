namespace Hark.Graph.Contracts;

/// <summary>Body of <c>POST .../calls/{id}/reject</c>; a missing reason means <see cref="RejectReason.None"/>.</summary>
public sealed record RejectRequest
{
    public RejectReason? Reason { get; init; }

    public string? CallbackUri { get; init; }
}
