namespace Hark.Graph.Contracts;

/// <summary>Graph <c>sendDtmfTonesOperation</c>: running when answered, then notified with its completionReason.</summary>
public sealed record SendDtmfTonesOperation() : CommsOperation(ODataTypes.SendDtmfTonesOperation)
{
    public SendDtmfCompletionReason? CompletionReason { get; init; }
}
