using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>
/// Graph <c>commsNotification</c>. <see cref="ResourceData"/> holds a <see cref="Call"/> or a
/// <see cref="CommsOperation"/> subtype and is written by its runtime type (all are registered in
/// <see cref="GraphJsonContext"/>); read back it is a <see cref="System.Text.Json.JsonElement"/>.
/// </summary>
public sealed record CommsNotification
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; } = ODataTypes.CommsNotification;

    public ChangeType ChangeType { get; init; }

    public string? ResourceUrl { get; init; }

    public string? CallbackUri { get; init; }

    public object? ResourceData { get; init; }

    /// <summary>
    /// Hark's extension: 1, 2, 3… per call, in the order the call's notifications were written and are delivered;
    /// <c>GET /hark/v1/calls/{id}/notifications?after=N</c> replays those after N.
    /// </summary>
    public long? SequenceNumber { get; init; }
}
