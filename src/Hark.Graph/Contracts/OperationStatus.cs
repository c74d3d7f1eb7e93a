using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>operationStatus</c>, written lowercase as the docs send it.</summary>
[JsonConverter(typeof(GraphEnumConverter<OperationStatus>))]
public enum OperationStatus
{
    NotStarted,
    Running,
    Completed,
    Failed,
}
