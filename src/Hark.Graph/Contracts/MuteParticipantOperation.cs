namespace Hark.Graph.Contracts;

/// <summary>Graph <c>muteParticipantOperation</c>; returned already completed.</summary>
public sealed record MuteParticipantOperation() : CommsOperation(ODataTypes.MuteParticipantOperation);
