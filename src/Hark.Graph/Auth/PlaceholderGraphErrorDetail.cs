using System.Text.Json.Serialization;

namespace Hark.Graph.Auth;

internal sealed record PlaceholderGraphErrorDetail(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);
