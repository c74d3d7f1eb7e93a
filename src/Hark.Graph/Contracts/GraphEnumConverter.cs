using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>
/// Graph enums: lowerCamel names on the wire, read case-insensitively (the SDK sends "audio",
/// real traffic once sent "Updated"); numbers are refused so a bad value names its field.
/// </summary>
public sealed class GraphEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
