using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>commsNotifications</c>: the envelope POSTed to a bot's callback URI.</summary>
public sealed record CommsNotifications
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; } = ODataTypes.CommsNotifications;

    public IReadOnlyList<CommsNotification> Value { get; init; } = [];
}
