using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>
/// Graph <c>call</c> as Hark returns it (GET, create) and sends it in notifications. Every field is
/// optional because notifications carry partial calls (e.g. only the state, or only the ids after a reject).
/// </summary>
public sealed record Call
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; } = ODataTypes.Call;

    [JsonPropertyName("@odata.id")]
    [JsonPropertyOrder(-9)]
    public string? OdataId { get; init; }

    [JsonPropertyName("@odata.etag")]
    [JsonPropertyOrder(-8)]
    public string? OdataEtag { get; init; }

    public string? Id { get; init; }

    public CallState? State { get; init; }

    public CallDirection? Direction { get; init; }

    public string? CallbackUri { get; init; }

    public string? Subject { get; init; }

    public ParticipantInfo? Source { get; init; }

    public IReadOnlyList<InvitationParticipantInfo>? Targets { get; init; }

    public IReadOnlyList<Modality>? RequestedModalities { get; init; }

    public MediaConfig? MediaConfig { get; init; }

    public CallMediaState? MediaState { get; init; }

    public CallOptions? CallOptions { get; init; }

    public ResultInfo? ResultInfo { get; init; }

    public string? MyParticipantId { get; init; }

    public string? CallChainId { get; init; }

    public string? TenantId { get; init; }

    public ToneInfo? ToneInfo { get; init; }

    public IncomingContext? IncomingContext { get; init; }
}
