namespace Hark.Graph.Errors;

/// <summary>
/// The <c>error</c> member. <see cref="Details"/> (standard OData; the SDK reads it as
/// <c>MainError.Details</c>) lists one entry per invalid field, with the field path as its target.
/// </summary>
public sealed record GraphErrorContent(
    string Code,
    string Message,
    GraphInnerError InnerError,
    IReadOnlyList<GraphErrorDetail>? Details);
