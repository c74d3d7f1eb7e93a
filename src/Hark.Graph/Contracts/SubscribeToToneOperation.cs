namespace Hark.Graph.Contracts;

/// <summary>Graph <c>subscribeToToneOperation</c>; returned already completed.</summary>
public sealed record SubscribeToToneOperation() : CommsOperation(ODataTypes.SubscribeToToneOperation);
