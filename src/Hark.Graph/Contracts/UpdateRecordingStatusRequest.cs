namespace Hark.Graph.Contracts;

/// <summary>Body of <c>POST .../calls/{id}/updateRecordingStatus</c>.</summary>
public sealed record UpdateRecordingStatusRequest
{
    public RecordingStatus? Status { get; init; }

    public string? ClientContext { get; init; }
}
