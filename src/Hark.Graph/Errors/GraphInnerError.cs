using System.Text.Json.Serialization;

namespace Hark.Graph.Errors;

/// <summary>The <c>innerError</c> member, with Graph's dashed id names.</summary>
public sealed record GraphInnerError(
    string Date,
    [property: JsonPropertyName("request-id")] string RequestId,
    [property: JsonPropertyName("client-request-id")] string? ClientRequestId);
