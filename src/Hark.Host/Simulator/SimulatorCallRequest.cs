namespace Hark.Host.Simulator;

/// <summary>A parsed simulator request.</summary>
internal sealed record SimulatorCallRequest(string? To, string From, IReadOnlyList<RawStep> Steps);
