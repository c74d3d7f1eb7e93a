using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>incomingCallOptions</c> / <c>outgoingCallOptions</c> (same fields in v1.0).</summary>
public sealed record CallOptions
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; }

    public bool? HideBotAfterEscalation { get; init; }

    public bool? IsContentSharingNotificationEnabled { get; init; }

    public bool? IsDeltaRosterEnabled { get; init; }

    public bool? IsInteractiveRosterEnabled { get; init; }
}
