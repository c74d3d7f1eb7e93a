namespace Hark.Calls.Simulation;

/// <summary>A validated list of steps; build it with <see cref="ScriptParser"/> or directly from steps.</summary>
public sealed class SimulatorScript
{
    private readonly ScriptStep[] _steps;

    /// <summary>
    /// Wraps steps built in code. Only what would break the engine is checked (no negative lengths);
    /// use <see cref="ScriptParser"/> for untrusted input, which also enforces the API's ranges.
    /// </summary>
    public SimulatorScript(IEnumerable<ScriptStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = [.. steps];
        foreach (var step in _steps)
        {
            ArgumentNullException.ThrowIfNull(step, nameof(steps));
            var length = step switch
            {
                SilenceStep silence => silence.Duration,
                DtmfStep dtmf => dtmf.Duration,
                WaitForStep wait => wait.Timeout,
                _ => TimeSpan.Zero,
            };
            if (length < TimeSpan.Zero)
            {
                throw new ArgumentException($"{step} has a negative length.", nameof(steps));
            }
        }
    }

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<ScriptStep> Steps => _steps;

    internal ScriptStep this[int index] => _steps[index];

    internal int Count => _steps.Length;
}
