using System.Text.Json.Serialization;

namespace Hark.Graph.Auth;

/// <summary>Body of <see cref="PlaceholderGraphAuthErrorWriter"/>; replaced once the Errors writer is connected.</summary>
internal sealed record PlaceholderGraphError([property: JsonPropertyName("error")] PlaceholderGraphErrorDetail Error);
