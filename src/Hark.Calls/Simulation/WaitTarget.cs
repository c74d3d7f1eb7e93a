namespace Hark.Calls.Simulation;

/// <summary>What a <see cref="WaitForStep"/> listens for.</summary>
public enum WaitTarget
{
    /// <summary>A tone of about 1 kHz lasting at least 150 ms (Hark's record beep).</summary>
    Beep = 0,
}
