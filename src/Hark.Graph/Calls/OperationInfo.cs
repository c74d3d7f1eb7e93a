namespace Hark.Graph.Calls;

/// <summary>What the API was asked for an operation, kept until it finishes to build its resource.</summary>
/// <param name="Id">The operation id.</param>
/// <param name="Kind">Its Graph type.</param>
/// <param name="ClientContext">Echoed back in the resource and its notifications.</param>
public sealed record OperationInfo(string Id, GraphOperationKind Kind, string? ClientContext);
