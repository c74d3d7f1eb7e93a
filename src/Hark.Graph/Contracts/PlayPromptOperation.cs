namespace Hark.Graph.Contracts;

/// <summary>Graph <c>playPromptOperation</c>; <see cref="CompletionReason"/> is beta metadata.</summary>
public sealed record PlayPromptOperation() : CommsOperation(ODataTypes.PlayPromptOperation)
{
    public PlayPromptCompletionReason? CompletionReason { get; init; }
}
