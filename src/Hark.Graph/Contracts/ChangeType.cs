using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>changeType</c> of a notification.</summary>
[JsonConverter(typeof(GraphEnumConverter<ChangeType>))]
public enum ChangeType
{
    Created,
    Updated,
    Deleted,
}
