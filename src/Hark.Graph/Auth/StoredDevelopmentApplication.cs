using System.Text.Json.Serialization;

namespace Hark.Graph.Auth;

/// <summary>The on-disk form of <see cref="DevelopmentApplication"/>.</summary>
internal sealed record StoredDevelopmentApplication(
    [property: JsonPropertyName("clientId")] string ClientId,
    [property: JsonPropertyName("clientSecret")] string ClientSecret);
