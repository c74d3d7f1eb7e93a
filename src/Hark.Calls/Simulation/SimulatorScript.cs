namespace Hark.Calls.Simulation;

/// <summary>A validated list of steps; build it with <see cref="ScriptParser"/> or directly from steps.</summary>
public sealed class SimulatorScript
{
    private readonly ScriptStep[] _steps;

    /// <summary>Wraps already-valid steps (no range checks; use <see cref="ScriptParser"/> for untrusted input).</summary>
    public SimulatorScript(IEnumerable<ScriptStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = [.. steps];
        foreach (var step in _steps)
        {
            ArgumentNullException.ThrowIfNull(step, nameof(steps));
        }
    }

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<ScriptStep> Steps => _steps;

    internal ScriptStep this[int index] => _steps[index];

    internal int Count => _steps.Length;
}
