namespace Hark.Integration.Harness;

/// <summary>GET /hark/v1/simulator/calls/{id}.</summary>
public sealed record SimulatorCall(string Id, string CallId, string State, IReadOnlyList<SimulatorEvent>? Events);
