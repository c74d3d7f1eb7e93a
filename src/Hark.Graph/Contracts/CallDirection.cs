using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>callDirection</c>.</summary>
[JsonConverter(typeof(GraphEnumConverter<CallDirection>))]
public enum CallDirection
{
    Incoming,
    Outgoing,
}
