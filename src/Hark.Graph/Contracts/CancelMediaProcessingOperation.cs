namespace Hark.Graph.Contracts;

/// <summary>Graph <c>cancelMediaProcessingOperation</c>; returned already completed.</summary>
public sealed record CancelMediaProcessingOperation() : CommsOperation(ODataTypes.CancelMediaProcessingOperation);
