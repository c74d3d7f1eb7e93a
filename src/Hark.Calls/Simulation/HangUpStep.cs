namespace Hark.Calls.Simulation;

/// <summary>Ends the call from the caller's side; always the last step.</summary>
public sealed record HangUpStep : ScriptStep;
