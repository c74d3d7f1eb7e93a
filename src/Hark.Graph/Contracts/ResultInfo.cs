using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>
/// Graph <c>resultInfo</c>. Code and subcode are read from numbers or numeric strings because one
/// Graph doc example sends strings; they are always written as numbers.
/// </summary>
public sealed record ResultInfo
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; } = ODataTypes.ResultInfo;

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Code { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Subcode { get; init; }

    public string? Message { get; init; }
}
