namespace Hark.Calls.Simulation;

/// <summary>One validated step of a <see cref="SimulatorScript"/>.</summary>
public abstract record ScriptStep;
