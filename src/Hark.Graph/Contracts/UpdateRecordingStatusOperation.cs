namespace Hark.Graph.Contracts;

/// <summary>Graph <c>updateRecordingStatusOperation</c>; returned already completed.</summary>
public sealed record UpdateRecordingStatusOperation() : CommsOperation(ODataTypes.UpdateRecordingStatusOperation);
