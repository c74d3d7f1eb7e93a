namespace Hark.Host.Operations;

/// <summary>One of <c>/readyz</c>'s checks.</summary>
internal sealed record ReadinessCheck(string Name, bool Ok, string Detail);
