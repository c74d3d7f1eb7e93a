using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>
/// Graph <c>mediaConfig</c>, read flat: service-hosted carries <see cref="PreFetchMedia"/>, app-hosted
/// carries <see cref="Blob"/>. One open record is more tolerant than a polymorphic one, whose
/// discriminator would have to come first and be spelled exactly.
/// </summary>
public sealed record MediaConfig
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; }

    public IReadOnlyList<MediaInfo?>? PreFetchMedia { get; init; }

    public string? Blob { get; init; }

    public bool? RemoveFromDefaultAudioGroup { get; init; }

    /// <summary>True when the body asks for app-hosted media (by type or by carrying a blob).</summary>
    [JsonIgnore]
    public bool IsAppHosted => ODataTypes.Matches(OdataType, ODataTypes.AppHostedMediaConfig) || Blob is not null;
}
