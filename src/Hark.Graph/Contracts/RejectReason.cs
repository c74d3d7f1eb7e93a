using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>rejectReason</c>.</summary>
[JsonConverter(typeof(GraphEnumConverter<RejectReason>))]
public enum RejectReason
{
    None,
    Busy,
    Forbidden,
}
