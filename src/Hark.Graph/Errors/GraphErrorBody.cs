namespace Hark.Graph.Errors;

/// <summary>The Graph error document: <c>{"error":{...}}</c>. Built only by <see cref="GraphErrorResult"/>.</summary>
public sealed record GraphErrorBody(GraphErrorContent Error);
