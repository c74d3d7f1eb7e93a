namespace Hark.Graph.Contracts;

/// <summary>Graph <c>unmuteParticipantOperation</c>; returned already completed.</summary>
public sealed record UnmuteParticipantOperation() : CommsOperation(ODataTypes.UnmuteParticipantOperation);
