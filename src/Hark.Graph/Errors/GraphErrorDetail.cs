namespace Hark.Graph.Errors;

/// <summary>One entry of <c>error.details</c>: a field path (<see cref="Target"/>) and what is wrong with it.</summary>
public sealed record GraphErrorDetail(string Code, string Message, string Target);
