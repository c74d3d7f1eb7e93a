namespace Hark.Calls.Simulation;

/// <summary>Why a script step was refused: the step's index, the offending field and a readable message.</summary>
public sealed record ScriptError(int StepIndex, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"script[{StepIndex}].{Field}: {Message}";
}
