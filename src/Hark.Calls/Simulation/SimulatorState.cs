namespace Hark.Calls.Simulation;

/// <summary>Where a <see cref="VirtualCallerEngine"/> is in its script.</summary>
public enum SimulatorState
{
    /// <summary>Steps are still running.</summary>
    Running = 0,

    /// <summary>All steps ran; the caller now sends silence.</summary>
    Finished = 1,

    /// <summary>A hang-up step ran.</summary>
    HungUp = 2,

    /// <summary>A step failed (e.g. no beep before the timeout); the caller now sends silence.</summary>
    Failed = 3,
}
