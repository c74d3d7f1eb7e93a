namespace Hark.Calls.Simulation;

/// <summary>What a <see cref="SimulatorEvent"/> reports.</summary>
public enum SimulatorEventKind
{
    /// <summary>Step <see cref="SimulatorEvent.StepIndex"/> began at <see cref="SimulatorEvent.Sample"/>.</summary>
    StepStarted = 0,

    /// <summary>Step <see cref="SimulatorEvent.StepIndex"/> ended at <see cref="SimulatorEvent.Sample"/>.</summary>
    StepCompleted = 1,

    /// <summary>A key press began at <see cref="SimulatorEvent.Sample"/> in the audio sent.</summary>
    KeyPressed = 2,

    /// <summary>A beep was heard; <see cref="SimulatorEvent.Sample"/> is its estimated onset in the audio heard.</summary>
    BeepHeard = 3,

    /// <summary>The script hung up; the call should end.</summary>
    HangUp = 4,

    /// <summary>The script stopped early; <see cref="SimulatorEvent.Reason"/> says why. Silence follows.</summary>
    ScriptFailed = 5,

    /// <summary>Every step ran without a hang-up; silence follows.</summary>
    ScriptFinished = 6,
}
