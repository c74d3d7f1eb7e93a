using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>
/// Graph <c>commsOperation</c>: the fields every media operation shares. Each subtype fixes its own
/// <c>@odata.type</c>, which the SDK uses to pick the derived class.
/// </summary>
public abstract record CommsOperation
{
    protected CommsOperation(string odataType) => OdataType = odataType;

    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string OdataType { get; }

    [JsonPropertyName("@odata.id")]
    [JsonPropertyOrder(-9)]
    public string? OdataId { get; init; }

    [JsonPropertyOrder(-8)]
    public string? Id { get; init; }

    public string? ClientContext { get; init; }

    public OperationStatus Status { get; init; }

    public ResultInfo? ResultInfo { get; init; }
}
