namespace Hark.Calls.Lifecycle;

/// <summary>What one input did: either refused with <see cref="Error"/>, or accepted with decisions to carry out in order.</summary>
public sealed class CallTransition
{
    private static readonly CallTransition Unchanged = new(CallCommandError.None, []);

    private CallTransition(CallCommandError error, IReadOnlyList<CallDecision> decisions)
    {
        Error = error;
        Decisions = decisions;
    }

    /// <summary><see cref="CallCommandError.None"/> when accepted.</summary>
    public CallCommandError Error { get; }

    /// <summary>True when accepted (possibly with no decisions, e.g. a stale timer).</summary>
    public bool Succeeded => Error == CallCommandError.None;

    /// <summary>Decisions in the order they must be carried out; empty when refused.</summary>
    public IReadOnlyList<CallDecision> Decisions { get; }

    internal static CallTransition Accepted(params CallDecision[] decisions) =>
        decisions.Length == 0 ? Unchanged : new(CallCommandError.None, decisions);

    internal static CallTransition Refused(CallCommandError error) => new(error, []);
}
