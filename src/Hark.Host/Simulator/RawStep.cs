using Hark.Calls.Simulation;

namespace Hark.Host.Simulator;

/// <summary>A script step as read: its definition, and for a play step the URI still to fetch.</summary>
internal sealed record RawStep(ScriptStepDefinition? Definition, string? PlayUri);
