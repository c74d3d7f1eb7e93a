namespace Hark.Graph.Contracts;

/// <summary>
/// Graph <c>recordOperation</c>. <see cref="CompletionReason"/> is beta metadata; v1.0 clients see it
/// as an open property, as in Graph's own v1.0 notification examples.
/// </summary>
public sealed record RecordOperation() : CommsOperation(ODataTypes.RecordOperation)
{
    public string? RecordingLocation { get; init; }

    public string? RecordingAccessToken { get; init; }

    public RecordCompletionReason? CompletionReason { get; init; }
}
